"""The shape of a typed secret: generated application password or a person's usual password."""

from __future__ import annotations

import pytest

from acmail_desktop.core.app_password import SecretShape, secret_shape


@pytest.mark.parametrize("secret", [
    "hq7rmz2kx9wbtc4p", "HQ7RMZ2KX9WBTC4P", "abcd-ef12-gh34-ij56", "abcd ef12 gh34 ij56",
    "q2w8z7r5t1y3u6i9", "hmrwbglqvafkpuzejotydinsx",
])
def test_generated_shapes(secret: str) -> None:
    assert secret_shape(secret) is SecretShape.GENERATED


@pytest.mark.parametrize("secret", [
    "Mdp-12-Zq9!", "Soleil2024", "bonjour123", "07E0612345ABC", "marie.durand", "Été2023!", "azerty",
    "Lyon-15/03/1980",
])
def test_usual_shapes(secret: str) -> None:
    assert secret_shape(secret) is SecretShape.USUAL


def test_unknown_or_empty() -> None:
    assert secret_shape("") is SecretShape.UNKNOWN
    assert secret_shape("   ") is SecretShape.UNKNOWN
