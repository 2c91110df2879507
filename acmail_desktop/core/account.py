"""One logged-in account: its profile, its credential and the lockout-safe rules around them.

- A PassCode is spent by the first login; any later connection (reconnect, SMTP) needs a fresh one
  from the user (`PassCodeSpent`), never a replay.
- Once the server rejects the credential, every further connection of the account fails at once
  with the same error, without touching the network, until the user types new credentials.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from acmail_desktop.core import errors, log
from acmail_desktop.core.imap.session import ImapSession
from acmail_desktop.core.otp import Credential
from acmail_desktop.core.providers import Provider, ServerSettings
from acmail_desktop.core.smtp import SmtpSubmission


@dataclass(frozen=True)
class AccountIdentity:
    provider: Provider
    identifiant: str

    @property
    def email(self) -> str:
        domain = self.provider.domains[0] if self.provider.domains else "invalid"
        if "@" in self.identifiant:
            return self.identifiant
        return f"{self.identifiant}@{domain}"

    @property
    def key(self) -> str:
        return f"{self.provider.id}:{self.identifiant}"


class Account:
    """Owns the credential of a session; hands out authenticated connections."""

    def __init__(self, identity: AccountIdentity, credential: Credential, ssl_context: ssl.SSLContext,
                 *, timeout: float = 20.0, email: str | None = None, compress: bool = False,
                 smtp: ServerSettings | None = None) -> None:
        self.identity = identity
        # The sending server found or typed for this account when its profile only guesses one
        # (core/smtp_choice.py); None: the profile's.
        self.smtp_override = smtp
        self.ssl_context = ssl_context
        self.timeout = timeout
        self.compress = compress  # COMPRESS=DEFLATE on the main connections (setting network.compress)
        self.email = email or identity.email
        # Which folder is the Trash, Sent... when the server does not say (core.folders): the
        # settings' answer for this account, handed to every session it opens.
        self.special_choices: dict[str, str] = {}
        self._credential: Credential | None = credential
        self._spent = False
        self._rejected: errors.AuthError | None = None
        self._lock = threading.Lock()
        # A PassCode session keeps its authenticated submission connection (one code for all sends).
        self._smtp_lock = threading.Lock()
        self._kept_smtp: SmtpSubmission | None = None
        self._kept_smtp_lost = False
        # The submission server's SIZE, asked once per session (every compose window shows it).
        self._size_limit: tuple[int | None] | None = None

    @property
    def provider(self) -> Provider:
        return self.identity.provider

    @property
    def smtp_settings(self) -> ServerSettings:
        """Where this account sends: its own kept server, else the profile's. A profile that only
        guesses its SMTP server (acmail:smtpDiscovery) never sends to the guess: SmtpNotFound until a
        server was discovered or typed for the account."""
        if self.smtp_override is not None:
            return self.smtp_override
        if self.provider.smtp_discover:
            raise errors.SmtpNotFound("no sending server discovered or typed for this account yet")
        return self.provider.smtp

    def set_smtp(self, server: ServerSettings | None) -> None:
        """A sending server was discovered or typed: the next send uses it, and its size limit is
        asked again. A connection kept to the old one (PassCode session) is closed on a thread of
        its own, so the caller (the GUI thread) never waits on the network."""
        self.smtp_override = server  # read by the next open_smtp (an attribute swap: no lock needed)
        self._size_limit = None
        if self._kept_smtp is not None:  # a send may hold the lock: close_smtp waits for it there
            threading.Thread(target=self.close_smtp, name="acmail-smtp-close", daemon=True).start()

    @property
    def rejected(self) -> errors.AuthError | None:
        return self._rejected

    @property
    def single_use_credential(self) -> bool:
        """A PassCode session: every further connection needs a new code from the user."""
        return self._credential is not None and self._credential.single_use

    @property
    def needs_new_passcode(self) -> bool:
        return self._spent

    def _take_credential(self) -> Credential:
        """The session's credential; a PassCode is marked spent by the connection that takes it."""
        with self._lock:
            if self._rejected is not None:
                raise self._rejected
            if self._credential is None:
                raise errors.PassCodeSpent("no credential for this session")
            if self._spent:
                raise errors.PassCodeSpent("the PassCode of this session was already used")
            credential = self._credential
            if credential.single_use:
                self._spent = True
            return credential

    def renew_credential(self, credential: Credential) -> None:
        """The user typed new credentials (a fresh PassCode, a corrected password)."""
        with self._lock:
            self._credential = credential
            self._spent = False
            self._rejected = None

    def _reject(self, error: errors.AuthError) -> None:
        with self._lock:
            self._rejected = error
        log.auth.warning("account %s: credentials rejected (%s); all connections stopped",
                         self.identity.key, error.code)

    def open_imap(self, session: ImapSession | None = None) -> ImapSession:
        """Connect and log in; `session` lets the caller keep a handle to abort it."""
        if self._rejected is not None:
            raise self._rejected
        session = session or self.new_imap_session()
        session.connect()
        credential = self._take_credential()
        try:
            session.login(credential)
        except errors.AuthError as exc:
            self._reject(exc)
            raise
        return session

    @contextmanager
    def imap_connection(self) -> Iterator[ImapSession]:
        """A short-lived connection of its own (Sent copy, drafts): opened, used, always logged out."""
        session = self.open_imap()
        try:
            yield session
        finally:
            session.logout()

    def new_imap_session(self, *, compress: bool | None = None) -> ImapSession:
        """`compress=False` for IDLE connections (see ImapSession)."""
        session = ImapSession(self.provider.imap, self.ssl_context, timeout=self.timeout,
                              compress=self.compress if compress is None else compress)
        session.special_choices = self.special_choices
        return session

    def smtp_size_limit(self) -> int | None:
        """The submission server's SIZE (RFC 1870), from an EHLO without logging in: no credential
        is spent, so a PassCode session can ask too. None when the server announces none.

        Asked once per session: later calls (the next compose window) open no connection, and a
        sending connection's EHLO refreshes it."""
        if self._size_limit is not None:
            return self._size_limit[0]
        if self.smtp_override is None and self.provider.smtp_discover:
            return None  # no sending server known yet: nothing to ask
        with SmtpSubmission(self.smtp_settings, self.ssl_context, timeout=self.timeout) as submission:
            limit = submission.connect().size_limit
        self._size_limit = (limit,)
        return limit

    def open_smtp(self) -> SmtpSubmission:
        if self._rejected is not None:
            raise self._rejected
        submission = SmtpSubmission(self.smtp_settings, self.ssl_context, timeout=self.timeout)
        self._size_limit = (submission.connect().size_limit,)
        credential = self._take_credential()
        try:
            submission.login(credential)
        except errors.AuthError as exc:  # refused, or a credential this server cannot take
            submission.close()
            self._reject(exc)
            raise
        except BaseException:
            submission.close()
            raise
        return submission

    @contextmanager
    def smtp_submission(self) -> Iterator[SmtpSubmission]:
        """A connection to send on, used by one sender at a time.

        With a password a fresh connection is opened and closed each time. In a PassCode session the
        authenticated connection is kept for the next message (RSET first: a clean transaction and a
        check that it lives), so one code sends for the whole session; when it is gone the error says
        so (`SmtpSessionExpired`) and the next code opens a new one.
        """
        with self._smtp_lock:
            submission = self._kept_smtp
            self._kept_smtp = None
            if submission is not None:
                try:
                    submission.reset()
                except errors.SessionLost:
                    log.smtp.info("kept sending connection gone (RSET failed)")
                    submission, self._kept_smtp_lost = None, True
            if submission is None:
                try:
                    submission = self.open_smtp()
                except errors.SmtpSessionExpired:
                    raise
                except errors.PassCodeSpent as exc:
                    if self._kept_smtp_lost:
                        raise errors.SmtpSessionExpired("the kept sending connection expired") from exc
                    raise
                self._kept_smtp_lost = False
            keep = self._credential is not None and self._credential.single_use
            try:
                yield submission
            finally:
                if keep and submission.connected:
                    self._kept_smtp = submission
                else:
                    self._kept_smtp_lost = keep
                    submission.close()

    def keep_smtp_alive(self) -> bool:
        """NOOP on the kept connection (called well within the server's idle limit); False when there is
        none or it just died. Skipped while a message is being sent on it."""
        if not self._smtp_lock.acquire(blocking=False):
            return True
        try:
            if self._kept_smtp is None:
                return False
            try:
                self._kept_smtp.noop()
            except errors.SessionLost:
                log.smtp.info("kept sending connection gone (NOOP failed)")
                self._kept_smtp, self._kept_smtp_lost = None, True
                return False
            return True
        finally:
            self._smtp_lock.release()

    def close_smtp(self) -> None:
        """Logout: QUIT the kept connection (network: call it from a worker)."""
        with self._smtp_lock:
            kept, self._kept_smtp = self._kept_smtp, None
        if kept is not None:
            kept.close()

    def forget_credential(self) -> None:
        """Logout: drop the secret from memory and from the redactor's list."""
        with self._lock:
            if self._credential is not None:
                log.redactor.forget(self._credential.secret.reveal())
            self._credential = None
