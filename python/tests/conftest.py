"""Shared fixtures: the repository, and hbmsim as the reference every run
of the package is compared with (HBMSIM, default build/hbmsim)."""
import json
import os
import subprocess

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(scope="session")
def hbmsim():
    """hbmsim(args...) -> (exit status, the JSON report or None, stderr), run from the repository root."""
    exe = os.environ.get("HBMSIM", os.path.join(REPO, "build", "hbmsim"))
    if not os.access(exe, os.X_OK):
        pytest.fail("no hbmsim at %s: make first (or set HBMSIM)" % exe)

    def call(*args):
        p = subprocess.run([exe, "--json"] + [str(a) for a in args], cwd=REPO, capture_output=True, text=True)
        return p.returncode, json.loads(p.stdout) if p.stdout.strip() else None, p.stderr

    return call
