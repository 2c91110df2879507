"""Sending-limit refusals recognised from the server's codes and words (core/smtp.classify_limit).

Real answers from several servers; the negatives matter as much: a full mailbox, an unknown user,
greylisting or a relay refusal must not be presented as a sending limit.
"""

from __future__ import annotations

import pytest

from acmail_desktop.core import errors
from acmail_desktop.core.smtp import classify_limit


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (451, "4.7.0 Rate limit"),
        (450, "4.7.1 <prof@ac-reunion.fr>: Sender address rejected: rate limit exceeded"),
        (550, "5.7.1 Sending quota exceeded: 4000 recipients per hour"),
        (554, "5.7.0 Too many messages sent in the last 10 minutes"),
        (421, "4.7.28 Our system has detected an unusual rate of unsolicited mail"),
        (550, "5.4.5 Daily user sending quota exceeded."),
        (452, "4.5.3 Too many recipients in the last hour, slow down"),
        (451, "4.7.1 Limite d'envoi dépassée, réessayez plus tard"),
        (421, "4.3.2 Throttling failure: too many connections"),
        (550, "5.7.1 Sending limit exceeded for this account"),
    ],
)
def test_sending_limit_over_time(code: int, text: str) -> None:
    assert classify_limit(code, text) is errors.SendingLimitReached


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (452, "4.5.3 Error: too many recipients"),
        (552, "5.5.3 Too many recipients"),
        (550, "5.5.3 Recipient limit exceeded for this message"),
        (452, "Too many recipients received this session"),
    ],
)
def test_too_many_recipients_for_one_message(code: int, text: str) -> None:
    assert classify_limit(code, text) is errors.TooManyRecipients


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (550, "5.1.1 <x@ac-nice.fr>: Recipient address rejected: User unknown"),
        (552, "5.2.2 Mailbox full"),
        (451, "4.7.1 Greylisting in action, please come back later"),
        (554, "5.7.1 Relay access denied"),
        (421, "4.3.0 Service not available, closing transmission channel"),
        (550, "5.7.1 Message rejected as spam by Content Filtering"),
        (250, "2.0.0 OK rate limit not applied"),  # not a refusal at all
    ],
)
def test_other_refusals_are_not_limits(code: int, text: str) -> None:
    assert classify_limit(code, text) is None


def test_limit_errors_keep_the_outbox_behaviour() -> None:
    """A limit over time is retried later (a temporary failure); too many recipients is not."""
    assert issubclass(errors.SendingLimitReached, errors.SmtpTemporaryFailure)
    assert issubclass(errors.TooManyRecipients, errors.SmtpRejected)
    assert not issubclass(errors.TooManyRecipients, errors.SmtpTemporaryFailure)
