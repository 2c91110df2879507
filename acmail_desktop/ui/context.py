"""Moved to `acmail_desktop.core.context` (it has no Qt); this alias serves branches written before."""

from acmail_desktop.core.context import AppContext, app_providers, apply_policy_to_providers, check_policy_resources

__all__ = ["AppContext", "app_providers", "apply_policy_to_providers", "check_policy_resources"]
