"""Tiny typed readers for environment variables.

Each rejects a malformed value with a message that names the variable, so a
typo fails at start instead of hiding until a request needs it.
"""

import ipaddress
import json
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no; got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def env_trusted_proxies(name: str) -> int | tuple[str, ...]:
    """How many reverse proxies stand in front (a count), or their addresses.

    Unset or empty means none: the peer's own address is the visitor's, and
    any X-Forwarded-For header is ignored, since a visitor can write anything
    in it. Addresses may be single addresses or networks ("10.0.0.0/8").
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return 0
    if raw.isdigit():
        return int(raw)
    networks = []
    for part in raw.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            networks.append(str(ipaddress.ip_network(part, strict=False)))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must be a number of proxies (like 1) or their addresses "
                f"(like 10.0.0.1,192.168.0.0/16); {part!r} is neither"
            ) from None
    return tuple(networks)


def read_local_secrets(path: Path) -> dict[str, str]:
    """Secrets written by `manage.py haven_init` for a laptop run.

    Missing is fine (system checks report it); unreadable is not.
    """
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise ImproperlyConfigured(f"Cannot read {path}: {exc}") from None
    if not isinstance(data, dict):
        raise ImproperlyConfigured(f"{path} must hold a JSON object")
    return {str(k): str(v) for k, v in data.items()}
