"""The diagnostics wizard with real widgets, offscreen, against the real servers and the fault harness:
live rows, a responsive window while checks run, the verdict page for each fault, a redacted report."""

from __future__ import annotations

import itertools
import time
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWizard

from acmail_desktop.core.providers import ProviderRegistry
from acmail_desktop.ui.diagnostics_wizard import DiagnosticsWizard, open_diagnostics_wizard
from tests.support.faults import SCENARIOS, DroppingPort, FaultResolver, Scenario, scenario

pytestmark = [pytest.mark.gui, pytest.mark.integration]


def _registry(local_provider, s: Scenario) -> ProviderRegistry:  # type: ignore[no-untyped-def]
    provider = replace(local_provider, webmail_url=s.time_url, imap=replace(local_provider.imap, **s.imap),
                       smtp=replace(local_provider.smtp, **s.smtp))
    return ProviderRegistry({"local": provider})


def _wizard(qtbot, make_context, local_provider, s: Scenario) -> DiagnosticsWizard:  # type: ignore[no-untyped-def]
    context = make_context(providers=_registry(local_provider, s))
    wizard = DiagnosticsWizard(context, "local", s.identifiant, resolver=FaultResolver(), now=s.now,
                               step_timeout=s.timeout)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    if s.secret is not None:
        _click_box(qtbot, wizard.test_auth)
        assert wizard.test_auth.isChecked()
        (wizard.mode_passcode if s.passcode else wizard.mode_password).setChecked(True)
        wizard.secret.setText(s.secret)
    return wizard


def _click_box(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    """Click the check box's indicator (its centre may be empty space in a stretched form row)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def _run_to_verdict(qtbot, wizard: DiagnosticsWizard) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(wizard.run_finished, timeout=25000):
        wizard.next()
    assert wizard.currentId() == wizard.PAGE_RUN
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    assert wizard.currentId() == wizard.PAGE_VERDICT


def _state(wizard: DiagnosticsWizard, row: int) -> str:
    return str(wizard.rows.topLevelItem(row).data(1, Qt.ItemDataRole.UserRole))


def _save(widget, directory: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    directory.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(directory / name))


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_wizard_verdict_page_for_each_fault(name, qtbot, make_context, local_provider, mail_server,  # type: ignore[no-untyped-def]
                                            make_account, shots) -> None:
    with scenario(name, mail_server, make_account) as s:
        if s.skip_reason:
            pytest.skip(s.skip_reason)
        wizard = _wizard(qtbot, make_context, local_provider, s)
        _run_to_verdict(qtbot, wizard)
        assert wizard.report is not None and wizard.report.verdict is not None
        assert wizard.report.verdict.code == s.expected
        assert wizard.verdict_code.text().endswith(s.expected)
        assert wizard.verdict_title.text() and wizard.verdict_action.text()
        # Every row was given its result live, with the colour of its status.
        states = [_state(wizard, i) for i in range(wizard.rows.topLevelItemCount())]
        assert set(states) <= {"ok", "warn", "fail", "skipped"}, states
        assert [c.status for c in wizard.report.checks] == states
        if name in ("ok", "expired_cert", "locked", "drops"):
            _save(wizard, shots, f"diagnostics-verdict-{name}.png")
        if s.secret:
            assert s.secret not in wizard.report_text()
            assert s.secret not in wizard.detail.toPlainText()


def test_window_stays_responsive_mid_run_and_cancel(qtbot, make_context, local_provider, shots) -> None:  # type: ignore[no-untyped-def]
    """Ports that drop every packet: the GUI thread keeps turning while the worker waits."""
    with DroppingPort() as imap_port, DroppingPort() as smtp_port:
        s = Scenario("drops", "connection_timeout")
        s.imap, s.smtp, s.timeout = {"port": imap_port.port}, {"port": smtp_port.port}, 3.0
        wizard = _wizard(qtbot, make_context, local_provider, s)
        ticks: list[float] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(time.monotonic()))
        timer.start(20)
        with qtbot.waitSignal(wizard.run_started, timeout=5000):
            wizard.next()
        qtbot.waitUntil(lambda: _state(wizard, 4) == "running", timeout=5000)
        assert [_state(wizard, i) for i in range(4)] == ["ok"] * 4
        assert _state(wizard, 5) == "waiting"
        qtbot.wait(600)
        _save(wizard, shots, "diagnostics-mid-run.png")
        assert wizard.running
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        started = time.monotonic()
        with qtbot.waitSignal(wizard.run_finished, timeout=10000):
            qtbot.mouseClick(wizard.cancel_button, Qt.MouseButton.LeftButton)
        assert time.monotonic() - started < 5
        timer.stop()
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        assert gaps and max(gaps) < 0.25, max(gaps)
        assert wizard.report is not None and wizard.report.verdict.code == "cancelled"  # type: ignore[union-attr]
        wizard.next()
        assert wizard.verdict_code.text().endswith("cancelled")
        # Relancer runs the whole list again.
        with qtbot.waitSignal(wizard.run_finished, timeout=25000):
            wizard.back()
            qtbot.mouseClick(wizard.rerun_button, Qt.MouseButton.LeftButton)
        assert wizard.report.verdict.code == "connection_timeout"  # type: ignore[union-attr]


def test_closing_mid_run_cancels_the_checks(qtbot, make_context, local_provider) -> None:  # type: ignore[no-untyped-def]
    with DroppingPort() as drop:
        s = Scenario("drops", "connection_timeout")
        s.imap, s.smtp, s.timeout = {"port": drop.port}, {"port": drop.port}, 4.0
        wizard = _wizard(qtbot, make_context, local_provider, s)
        with qtbot.waitSignal(wizard.run_started, timeout=5000):
            wizard.next()
        run = wizard._run
        assert run is not None
        qtbot.waitUntil(lambda: _state(wizard, 4) == "running", timeout=5000)
        wizard.reject()
        assert run.cancelled
        qtbot.waitUntil(lambda: not wizard._worker._executor._threads or all(
            not t.is_alive() for t in wizard._worker._executor._threads), timeout=3000)


def test_report_copy_and_save_are_redacted(qtbot, make_context, local_provider, mail_server, make_account,  # type: ignore[no-untyped-def]
                                           tmp_path) -> None:
    with scenario("wrong_password", mail_server, make_account) as s:
        wizard = _wizard(qtbot, make_context, local_provider, s)
        _run_to_verdict(qtbot, wizard)
    assert s.secret is not None
    qtbot.mouseClick(wizard.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert "[auth_failed]" in copied and "Identifiant ou mot de passe incorrect" in copied
    assert s.secret not in copied and s.identifiant not in copied
    wizard.unmask.setChecked(True)
    path = tmp_path / "rapport.txt"
    wizard.save_report(path)
    saved = path.read_text(encoding="utf-8")
    assert s.identifiant in saved and s.secret not in saved
    # The refused password is not kept for Relancer: a second attempt is the user's decision.
    assert wizard.secret.text() == "" and not wizard.test_auth.isChecked()
    assert len(mail_server.auth_attempts(s.identifiant)) == 1


def test_open_from_login_screen_prefills(qtbot, make_context, shots) -> None:  # type: ignore[no-untyped-def]
    context = make_context()
    wizard = open_diagnostics_wizard(context, "local", "fdurand")
    qtbot.addWidget(wizard)
    assert wizard.isVisible()
    assert wizard.academie.currentData() == "local" and wizard.identifiant.text() == "fdurand"
    assert not wizard.secret.isVisible()
    _click_box(qtbot, wizard.test_auth)
    assert wizard.secret.isVisible() and wizard.auth_warning.isVisible()
    _save(wizard, shots, "diagnostics-start.png")
    wizard.close()


def test_national_profile_says_what_the_typed_password_looks_like(qtbot, make_context, registry) -> None:  # type: ignore[no-untyped-def]
    """The address and an application password on the national profile; as the password is typed, the
    wizard says whether it looks like a usual one (refused there) or a generated one — nothing stored."""
    wizard = DiagnosticsWizard(make_context(providers=registry), "nationale", "prof.nom@ac-reunion.fr",
                               resolver=FaultResolver())
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    assert wizard._identifiant_label.text() == "&Adresse électronique :"
    _click_box(qtbot, wizard.test_auth)
    assert wizard._secret_label.text() == "Mot de passe d'a&pplication :"
    assert not wizard.mode_widget.isVisible(), "no PassCode on the national messagerie"
    wizard.secret.setText("Soleil2024!")
    assert wizard.secret_shape_hint.isVisible() and "mot de passe habituel" in wizard.secret_shape_hint.text()
    wizard.secret.setText("hq7rmz2kx9wbtc4p")
    assert "généré" in wizard.secret_shape_hint.text()
    assert "hq7rmz2kx9wbtc4p" not in wizard.secret_shape_hint.text()
    # Another académie: the usual form, no hint.
    wizard.academie.setCurrentIndex(wizard.academie.findData("versailles"))
    assert wizard._identifiant_label.text() == "&Identifiant :" and not wizard.secret_shape_hint.isVisible()
    assert wizard.mode_widget.isVisible()
