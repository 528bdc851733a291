"""Facts about the machine a measurement ran on: CPU model, CPUs, GPUs, virtualisation."""

from __future__ import annotations

import functools
import os
import platform
from pathlib import Path
from typing import Any

_VM_VENDORS = (
    "kvm",
    "qemu",
    "vmware",
    "virtualbox",
    "xen",
    "microsoft corporation",
    "amazon ec2",
    "google",
    "openstack",
    "bochs",
    "parallels",
)


def _read(path: str) -> str:
    try:
        return Path(path).read_text(errors="replace")
    except OSError:
        return ""


def cpu_model() -> str:
    for line in _read("/proc/cpuinfo").splitlines():
        if line.lower().startswith(("model name", "hardware", "cpu model")):
            return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine() or "unknown"


def cpu_packages() -> int:
    """Number of CPU sockets (physical packages); 1 when the system does not say."""
    ids = set()
    for path in Path("/sys/devices/system/cpu").glob("cpu[0-9]*/topology/physical_package_id"):
        text = _read(str(path)).strip()
        if text.lstrip("-").isdigit():
            ids.add(int(text))
    return max(1, len(ids))


def virtualisation() -> tuple[bool | None, str | None]:
    """Whether this looks like a virtual machine, and the hint that says so."""
    if " hypervisor" in _read("/proc/cpuinfo"):
        vendor = _read("/sys/class/dmi/id/sys_vendor").strip()
        return True, f"hypervisor CPU flag{f' ({vendor})' if vendor else ''}"
    for field in ("sys_vendor", "product_name"):
        value = _read(f"/sys/class/dmi/id/{field}").strip()
        if value and any(v in value.lower() for v in _VM_VENDORS):
            return True, value
    if platform.system() == "Linux":
        return False, None
    return None, None


def container() -> bool:
    if Path("/.dockerenv").exists() or Path("/run/.containerenv").exists():
        return True
    cgroup = _read("/proc/1/cgroup")
    return any(word in cgroup for word in ("docker", "kubepods", "containerd", "lxc"))


@functools.lru_cache(maxsize=1)
def _static_host_facts() -> tuple[tuple[str, Any], ...]:
    virtual, hint = virtualisation()
    facts = {
        "cpu_model": cpu_model(),
        "logical_cpus": os.cpu_count() or 1,
        "cpu_packages": cpu_packages(),
        "virtualised": virtual,
        "virtualisation_hint": hint,
        "container": container(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }
    return tuple(facts.items())


def host_facts(gpus: list[str] | None = None) -> dict[str, Any]:
    """Host facts as a plain dict; ``gpus`` are the GPU names a backend found (empty if none)."""
    facts = dict(_static_host_facts())
    facts["gpus"] = list(gpus or [])
    return facts
