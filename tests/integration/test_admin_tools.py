"""Administrator tools: `acmail --check-policy`, the policy file's owner and mode, and acmail-diagnose
reading the same policy (profile, CA files, support contact) as the app. Real entry points."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from acmail_desktop.core.policy import insecure_policy_file, load_policy

pytestmark = pytest.mark.integration

OTHER_UID = 4321  # some user who is not root (no passwd entry needed)


def run_acmail(*args: str, env: dict[str, str] | None = None, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "acmail_desktop", *args], capture_output=True, text=True,
                          timeout=120, env=env, input=stdin)


def write_policy(folder: Path, **keys: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "policy.json"
    path.write_text(json.dumps({"version": 1, **keys}), encoding="utf-8")
    os.chmod(path, 0o644)
    return path


def test_check_policy_on_a_missing_file_fails_in_french(tmp_path: Path) -> None:
    result = run_acmail("--check-policy", str(tmp_path / "absent.json"))
    assert result.returncode == 1
    assert "n'existe pas" in result.stdout and "absent.json" in result.stdout


def test_check_policy_accepts_a_good_file(tmp_path: Path) -> None:
    path = write_policy(tmp_path / "etc", shared_machine=True, idle_logout_minutes=10)
    result = run_acmail("--check-policy", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK") and "poste partagé : oui" in result.stdout


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() != 0, reason="needs root to give the file away")
@pytest.mark.parametrize("damage", ["other_owner", "world_writable", "group_writable", "folder_writable"])
def test_a_policy_others_could_write_is_refused(tmp_path: Path, damage: str) -> None:
    folder = tmp_path / "etc" / "acmail"
    path = write_policy(folder, shared_machine=False, remember_password=True)
    if damage == "other_owner":
        os.chown(path, OTHER_UID, 0)
    elif damage == "world_writable":
        os.chmod(path, 0o666)
    elif damage == "group_writable":
        os.chown(path, 0, OTHER_UID)
        os.chmod(path, 0o664)
    else:
        os.chmod(folder, 0o777)
    # The app (a policy deployed at the system location: only root is trusted) starts in its safest mode.
    policy = load_policy(path, trusted_uids=frozenset({0}))
    assert policy.broken and policy.shared_machine and not policy.allow_remember_password
    assert "unsafe permissions" in (policy.problem or "")
    result = run_acmail("--check-policy", str(path))
    assert result.returncode == 1 and result.stdout.startswith("REFUSÉ"), result.stdout
    assert "poste partagé" in result.stdout


def test_group_root_and_sticky_folders_are_fine(tmp_path: Path) -> None:
    folder = tmp_path / "sticky"
    path = write_policy(folder, shared_machine=True)
    os.chmod(folder, 0o1777)  # like /tmp: others cannot replace a file they do not own
    os.chmod(path, 0o640)
    info = path.stat()
    assert insecure_policy_file(path, info, frozenset({info.st_uid})) is None


def test_diagnose_reads_the_policy_like_the_app(tmp_path: Path, mail_server: Any, server_provider_dir: Path,
                                                make_account: Any) -> None:
    """No --academie, no --ca-file: the profile, the CA and the support contact come from the policy."""
    account = make_account("diag")
    policy = write_policy(tmp_path / "etc", shared_machine=True,
                          custom_profile=str(server_provider_dir / "local.xml"),
                          extra_ca_files=[str(mail_server.ca_pem_path)],
                          support={"name": "Assistance du lycée Jean Moulin", "phone": "01 02 03 04 05"})
    env = dict(os.environ, ACMAIL_POLICY=str(policy))
    result = subprocess.run([sys.executable, "-m", "acmail_desktop", "diagnose", "--base-dir", str(tmp_path / "base"),
                             "--identifiant", account.identifiant, "--password-stdin", "--json", "--quiet"],
                            capture_output=True, text=True, timeout=120, env=env, input=account.password + "\n")
    report = json.loads(result.stdout)
    assert report["academie"] == "local"
    statuses = {check["id"]: check["status"] for check in report["checks"]}
    # The test CA came from the policy alone: TLS verified; the login went through.
    assert statuses["tls_imap"] == "ok" and statuses["auth"] == "ok", statuses
    assert "Assistance du lycée Jean Moulin" in result.stdout
    assert result.returncode in (0, 1), result.stdout + result.stderr
