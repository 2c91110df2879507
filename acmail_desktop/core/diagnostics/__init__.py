"""Connection diagnostics as data, shared by the wizard and `acmail-diagnose`."""

from acmail_desktop.core.diagnostics.model import Check, ProgressEvent, Report, Status, Verdict
from acmail_desktop.core.diagnostics.report import mask_identifiant, render_json, render_text, to_dict
from acmail_desktop.core.diagnostics.run import CheckSpec, DiagnosticsConfig, DiagnosticsRun
from acmail_desktop.core.diagnostics.verdicts import CODES

__all__ = ["CODES", "Check", "CheckSpec", "DiagnosticsConfig", "DiagnosticsRun", "ProgressEvent", "Report",
           "Status", "Verdict", "mask_identifiant", "render_json", "render_text", "to_dict"]
