"""Administrator policy for lab machines: read, validate against the shipped JSON schema, map to settings.

The file lives in a system location (``/etc/acmail/policy.json`` and the Windows/macOS equivalents;
``ACMAIL_POLICY`` points elsewhere for tests). It is validated against ``resources/policy.schema.json``
by the small validator below (the subset of JSON Schema 2020-12 that file uses; any other keyword in the
schema is refused, so the schema can never say more than is checked). We do not depend on `jsonschema`:
it brings `rpds-py`, a compiled extension, into every packaged build for one small file.

A policy is applied in full or not at all: a file that cannot be read, parsed or validated gives
`Policy.safest()`: shared-machine mode, nothing remembered, and a `problem` the UI must show.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import stat
import string
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from acmail_desktop.core import log
from acmail_desktop.core.errors import PolicyError
from acmail_desktop.core.paths import resources_dir
from acmail_desktop.core.settings import SCHEMA, Settings

ENV_POLICY = "ACMAIL_POLICY"
MAX_POLICY_BYTES = 1024 * 1024
SCHEMA_FILE = "policy.schema.json"

# Policy key -> settings key, for the values that may be locked or given as a default.
SETTING_KEYS: dict[str, str] = {
    "academie": "account.academie",
    "messagerie": "account.messagerie",
    "idle_logout_minutes": "security.idle_logout_minutes",
    "min_tls_version": "security.min_tls_version",
    "attachments_save_dir": "attachments.save_dir",
    "diagnostics_allow_login": "diagnostics.allow_login",
    "language": "general.language",
    "display_name": "sending.display_name",
    "special_folders": "folders.special",
    "plain_text": "sending.plain_text",
    "prefetch_mb": "network.prefetch_mb",
}
TEMPLATE_VARIABLES = ("USER", "USERNAME", "LOGNAME")


def system_policy_path(platform: str | None = None) -> Path:
    """Where the administrator puts the policy on this operating system."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        base = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return Path(base) / "AcMail" / "policy.json"
    if platform == "darwin":
        return Path("/Library/Application Support/AcMail/policy.json")
    return Path("/etc/acmail/policy.json")


def policy_path() -> Path:
    """`ACMAIL_POLICY` when set (tests, trials), else the system location.

    On a machine that has a system policy the override is ignored: a user of a lab machine must not
    be able to leave shared-machine mode by setting an environment variable. Administrators test a
    file with `acmail --check-policy FILE` instead.
    """
    system = system_policy_path()
    override = os.environ.get(ENV_POLICY)
    if not override:
        return system
    if Path(override) != system and _exists(system):
        log.misc.warning("%s is set but %s exists: the system policy wins", ENV_POLICY, system)
        return system
    return Path(override)


def policy_from_override(path: Path) -> bool:
    """True when `path` is the one `ACMAIL_POLICY` names (tests, trials), not the system location."""
    override = os.environ.get(ENV_POLICY)
    return override is not None and override != "" and Path(override) == path and path != system_policy_path()


def insecure_policy_file(path: Path, info: os.stat_result, trusted_uids: frozenset[int]) -> str | None:
    """Why a user other than root could have written this policy (the file or a folder above it), or None.

    A pupil able to edit the policy could turn shared-machine mode off. On Windows the equivalent
    is the file's ACL (see docs/admin.md); it is not checked here."""
    if sys.platform == "win32" or not hasattr(os, "getuid"):
        return None
    if info.st_uid not in trusted_uids:
        return f"{path} belongs to uid {info.st_uid}, not root: its owner can change it"
    if info.st_mode & 0o002:
        return f"{path} is writable by everyone (mode {info.st_mode & 0o777:o})"
    if info.st_mode & 0o020 and info.st_gid != 0:
        return f"{path} is writable by group {info.st_gid} (mode {info.st_mode & 0o777:o})"
    for folder in Path(os.path.abspath(path)).parents:
        try:
            folder_info = folder.stat()
        except OSError:
            continue
        if folder_info.st_mode & stat.S_ISVTX:
            continue  # a sticky folder (/tmp): others cannot replace a file they do not own
        if folder_info.st_uid not in trusted_uids:
            return f"folder {folder} belongs to uid {folder_info.st_uid}: its owner can replace the policy"
        if folder_info.st_mode & 0o002 or (folder_info.st_mode & 0o020 and folder_info.st_gid != 0):
            return f"folder {folder} is writable by others (mode {folder_info.st_mode & 0o777:o})"
    return None


def trusted_owners(path: Path) -> frozenset[int]:
    """Root always; the user running AcMail too for a file they named with ACMAIL_POLICY (they
    could point the variable anywhere anyway, and it is ignored where a system policy exists)."""
    uids = {0}
    if policy_from_override(path) and hasattr(os, "getuid"):
        uids.add(os.getuid())
    return frozenset(uids)


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return True  # cannot even tell: treat it as there, the safe side


# --- the JSON Schema subset ------------------------------------------------------------------
_ANNOTATIONS = {"$schema", "$id", "title", "description", "default", "examples", "$comment", "$defs"}
_CHECKED = {"type", "properties", "additionalProperties", "required", "enum", "const", "minimum",
            "maximum", "minLength", "maxLength", "pattern", "items", "maxItems", "anyOf", "$ref"}
_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,), "array": (list,), "string": (str,), "boolean": (bool,),
    "integer": (int,), "number": (int, float), "null": (type(None),),
}


def _type_ok(value: Any, name: str) -> bool:
    if name in ("integer", "number") and isinstance(value, bool):
        return False
    return isinstance(value, _TYPES[name])


def check_schema_keywords(schema: Any, where: str = "#") -> None:
    """Refuse a schema using a keyword this validator does not check (it would be silently ignored)."""
    if isinstance(schema, dict):
        for key, sub in schema.items():
            if key not in _ANNOTATIONS | _CHECKED:
                raise PolicyError(f"policy schema {where}: unsupported keyword {key!r}")
            if key == "properties" or key == "$defs":
                for name, child in sub.items():
                    check_schema_keywords(child, f"{where}/{key}/{name}")
            elif key in ("items", "additionalProperties") and isinstance(sub, dict):
                check_schema_keywords(sub, f"{where}/{key}")
            elif key == "anyOf":
                for i, child in enumerate(sub):
                    check_schema_keywords(child, f"{where}/anyOf/{i}")


def validate(instance: Any, schema: Mapping[str, Any], root: Mapping[str, Any] | None = None,
             where: str = "") -> list[str]:
    """Errors as ``/json/pointer: message`` strings; empty when the instance is valid."""
    root = root if root is not None else schema
    place = where or "/"
    errors: list[str] = []
    if "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/"):
            raise PolicyError(f"policy schema: only local $ref supported, not {ref!r}")
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part]
        errors += validate(instance, target, root, where)
    if "type" in schema and not _type_ok(instance, schema["type"]):
        return [*errors, f"{place}: expected {schema['type']}, found {_json_type(instance)}"]
    if "const" in schema and (instance != schema["const"] or type(instance) is not type(schema["const"])):
        errors.append(f"{place}: must be {json.dumps(schema['const'])}")
    if "enum" in schema and instance not in schema["enum"]:
        errors.append(f"{place}: {json.dumps(instance, ensure_ascii=False)} is not one of "
                      + ", ".join(json.dumps(v) for v in schema["enum"]))
    if isinstance(instance, str):
        if len(instance) < schema.get("minLength", 0):
            errors.append(f"{place}: too short")
        if "maxLength" in schema and len(instance) > schema["maxLength"]:
            errors.append(f"{place}: too long (at most {schema['maxLength']} characters)")
        if "pattern" in schema and not re.search(schema["pattern"], instance):
            errors.append(f"{place}: {instance!r} does not have the expected form")
    if isinstance(instance, int | float) and not isinstance(instance, bool):
        if "minimum" in schema and instance < schema["minimum"]:
            errors.append(f"{place}: must be at least {schema['minimum']}")
        if "maximum" in schema and instance > schema["maximum"]:
            errors.append(f"{place}: must be at most {schema['maximum']}")
    if isinstance(instance, list):
        if "maxItems" in schema and len(instance) > schema["maxItems"]:
            errors.append(f"{place}: at most {schema['maxItems']} items")
        if isinstance(schema.get("items"), dict):
            for i, item in enumerate(instance):
                errors += validate(item, schema["items"], root, f"{where}/{i}")
    if isinstance(instance, dict):
        properties = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in instance:
                errors.append(f"{place}: missing required key {name!r}")
        for name, value in instance.items():
            if name in properties:
                errors += validate(value, properties[name], root, f"{where}/{name}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}/{name}: unknown key {name!r}")
    if "anyOf" in schema:
        branches = [validate(instance, sub, root, where) for sub in schema["anyOf"]]
        if all(branches):
            # Report against the form whose type matched (a typo inside {"value": ...}), if any.
            typed = [b for b in branches if not b[0].startswith(f"{place}: expected ")]
            best = min(typed or branches, key=lambda b: (len(b), -len(b[0].partition(": ")[0])))
            errors += best if len(best) == 1 else [f"{place}: does not match any allowed form"]
    return errors


def _json_type(value: Any) -> str:
    for name in ("boolean", "integer", "number", "string", "array", "object", "null"):
        if _type_ok(value, name):
            return name
    return type(value).__name__


def load_schema() -> dict[str, Any]:
    schema = json.loads((resources_dir() / SCHEMA_FILE).read_text(encoding="utf-8"))
    check_schema_keywords(schema)
    return schema


# --- the policy ------------------------------------------------------------------------------
@dataclass(frozen=True)
class SupportContact:
    name: str
    phone: str | None = None
    url: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class PredefinedAccount:
    """An account the administrator lists for every user of the machine (never a credential)."""

    academie: str
    identifiant: str
    label: str = ""
    auth_mode: str = "password"


@dataclass(frozen=True)
class AccountsPolicy:
    """What the administrator decided about several accounts (policy key ``accounts``)."""

    predefined: tuple[PredefinedAccount, ...] = ()
    allow_adding: bool = True
    academie_domains_only: bool = False


@dataclass(frozen=True)
class Policy:
    """What the administrator decided; `problem` is set when the file was refused (safest mode)."""

    source: Path | None = None
    locked: dict[str, Any] = field(default_factory=dict)      # settings key -> imposed value
    defaults: dict[str, Any] = field(default_factory=dict)    # settings key -> default the user may change
    allow_remember_password: bool = True
    shared_machine: bool = False
    extra_ca_files: tuple[str, ...] = ()
    support: SupportContact | None = None
    custom_profile: Path | None = None
    identifiant_template: str | None = None
    accounts: AccountsPolicy = field(default_factory=AccountsPolicy)
    problem: str | None = None

    @property
    def present(self) -> bool:
        return self.source is not None

    @property
    def broken(self) -> bool:
        return self.problem is not None

    @classmethod
    def safest(cls, source: Path | None, problem: str) -> Policy:
        """A refused policy: shared machine, nothing remembered, nothing else half-applied."""
        return cls(source=source, locked={"general.shared_machine": True, "account.remember": False},
                   allow_remember_password=False, shared_machine=True, problem=problem,
                   accounts=AccountsPolicy(allow_adding=False))

    def identifiant_prefill(self, username: str | None = None) -> str | None:
        """The template with the OS login substituted (only the three documented variables)."""
        if not self.identifiant_template:
            return None
        user = username if username is not None else _os_login()
        return string.Template(self.identifiant_template).safe_substitute(
            {name: user for name in TEMPLATE_VARIABLES}).strip()

    def settings_defaults(self, username: str | None = None) -> dict[str, Any]:
        values = dict(self.defaults)
        prefill = self.identifiant_prefill(username)
        if prefill:
            values["account.identifiant"] = prefill
        return values


def _os_login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise PolicyError(f"key {key!r} appears twice")
        result[key] = value
    return result


def parse_policy(data: bytes, source: Path) -> Policy:
    """Parse and validate a policy document; raises PolicyError naming what is wrong."""
    if len(data) > MAX_POLICY_BYTES:
        raise PolicyError("file larger than 1 MiB")
    try:
        document = json.loads(data.decode("utf-8-sig"), object_pairs_hook=_no_duplicate_keys)
    except UnicodeDecodeError:
        raise PolicyError("not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise PolicyError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    problems = validate(document, load_schema())
    if problems:
        raise PolicyError("; ".join(problems))
    locked: dict[str, Any] = {}
    defaults: dict[str, Any] = {}
    for policy_key, settings_key in SETTING_KEYS.items():
        if policy_key not in document:
            continue
        entry = document[policy_key]
        if isinstance(entry, dict) and "value" in entry:
            value, is_locked = entry["value"], entry.get("locked", True)
        else:
            value, is_locked = entry, True
        if settings_key == "attachments.save_dir":
            value = value.replace("${HOME}", str(Path.home()))
        value = SCHEMA[settings_key].validate(value)
        (locked if is_locked else defaults)[settings_key] = value
    custom = document.get("custom_profile")
    custom_path = Path(custom) if custom else None
    if custom_path is not None and not custom_path.is_absolute():
        raise PolicyError(f"/custom_profile: {custom!r} must be an absolute path")
    shared = bool(document.get("shared_machine", False))
    allow_remember = bool(document.get("remember_password", True)) and not shared
    locked["general.shared_machine"] = shared
    if not allow_remember:
        locked["account.remember"] = False
    support = document.get("support")
    accounts = document.get("accounts", {})
    accounts_policy = AccountsPolicy(
        predefined=tuple(PredefinedAccount(**entry) for entry in accounts.get("predefined", [])),
        allow_adding=bool(accounts.get("allow_adding", True)),
        academie_domains_only=bool(accounts.get("academie_domains_only", False)))
    return Policy(
        source=source, locked=locked, defaults=defaults, allow_remember_password=allow_remember,
        shared_machine=shared, extra_ca_files=tuple(document.get("extra_ca_files", [])),
        support=SupportContact(**support) if support else None, custom_profile=custom_path,
        identifiant_template=document.get("identifiant_template"), accounts=accounts_policy)


def load_policy(path: Path | None = None, *, trusted_uids: frozenset[int] | None = None) -> Policy:
    """The policy in force: none (no file), the file's, or the safest mode when the file is refused.

    A file (or a folder above it) that a user other than root could have written is refused: see
    `insecure_policy_file`. Never raises: a policy problem must not stop AcMail from starting, only
    make it careful.
    """
    path = path or policy_path()
    trusted = trusted_uids if trusted_uids is not None else trusted_owners(path)
    try:
        with path.open("rb") as handle:
            insecure = insecure_policy_file(path, os.fstat(handle.fileno()), trusted)
            data = handle.read(MAX_POLICY_BYTES + 1)
    except FileNotFoundError:
        return Policy()
    except OSError as exc:
        problem = f"{path}: cannot read: {exc.strerror or exc}"
        log.misc.error("administrator policy refused, starting in the safest mode: %s", problem)
        return Policy.safest(path, problem)
    if insecure:
        problem = f"{path}: unsafe permissions: {insecure}"
        log.misc.error("administrator policy refused, starting in the safest mode: %s", problem)
        return Policy.safest(path, problem)
    try:
        policy = parse_policy(data, path)
    except PolicyError as exc:
        problem = f"{path}: {exc}"
        log.misc.error("administrator policy refused, starting in the safest mode: %s", problem)
        return Policy.safest(path, problem)
    log.misc.info("administrator policy %s applied (%d locked settings, shared machine: %s)",
                  path, len(policy.locked), policy.shared_machine)
    return policy


class PolicySettings(Settings):
    """Settings whose defaults come from the policy when the user has not chosen a value.

    Locked values still win (through `Settings`); a default never gets written to the file, so a
    later change of the policy's default reaches users who never touched the setting.
    """

    def __init__(self, path: Path, locked: Mapping[str, Any] | None = None,
                 defaults: Mapping[str, Any] | None = None) -> None:
        super().__init__(path, locked=locked)
        self._policy_defaults = {key: SCHEMA[key].validate(value) for key, value in (defaults or {}).items()}

    def get(self, key: str) -> Any:
        if not self.is_locked(key) and key in self._policy_defaults and key not in self._values:
            return self._policy_defaults[key]
        return super().get(key)

    def default_for(self, key: str) -> Any:
        """What "reset to default" means here: the policy's default, else the schema's."""
        return self._policy_defaults.get(key, SCHEMA[key].default)
