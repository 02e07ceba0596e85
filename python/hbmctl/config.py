"""Configs: a preset by name or an .ini file, with knob overrides.

The text is the project's ini format (docs/configuration.md); the C parser
checks it, so an error names the file, the line, the key and the value just
as hbmsim's do.  An override replaces the value on the key's own line (so a
bad override is reported at that line); a key the file takes from its
based_on file is set at the end of the text, in its section, which the
format allows (a file's keys win over its base's).
"""
import difflib
import os
import re

from . import _native
from .errors import HbmError

_PRESET_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "configs")
_ERR_SIZE = 1024
_BASED_ON_DEPTH = 4


def presets():
    """The preset names this package carries (configs/*.ini of the repository)."""
    if not os.path.isdir(_PRESET_DIR):
        return []
    return sorted(f[:-4] for f in os.listdir(_PRESET_DIR) if f.endswith(".ini"))


def _read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as e:
        raise HbmError("%s: cannot read: %s" % (path, e.strerror)) from None


def _entries(text):
    """(section, key, value, line index) of every key line; based_on has section ""."""
    section, out = "", []
    for i, line in enumerate(text.split("\n")):
        body = re.split(r"[;#]", line, 1)[0].strip()
        m = re.match(r"^\[([^\]]*)\]$", body)
        if m:
            section = m.group(1).strip()
        elif "=" in body:
            k, v = body.split("=", 1)
            out.append((section, k.strip(), v.strip(), i))
    return out


def _format(value):
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


class Config:
    """A checked config: Config("hbm2_2000"), Config("path/to/my.ini"),
    optionally with overrides {"queue_depth": 16, "controller.page_policy": "closed"}.

    name: what reports call it ("configs/<preset>.ini" for a preset, as
    hbmsim run from the repository root says; else the path given).
    path: the file it was read from (errors name it, based_on is found
    beside it).  text: the checked text with the overrides in it.
    """

    def __init__(self, source, overrides=None):
        if isinstance(source, Config):
            self.name, self.path, self._base = source.name, source.path, source._base
            overrides = dict(source.overrides, **(overrides or {}))
        else:
            source = os.fspath(source)
            if os.path.sep in source or source.endswith(".ini") or os.path.exists(source):
                self.name = self.path = source
            else:
                self.path = os.path.join(_PRESET_DIR, source + ".ini")
                self.name = "configs/%s.ini" % source
                if not os.path.isfile(self.path):
                    raise HbmError("no preset '%s' (presets: %s)" % (source, ", ".join(presets()) or "none"))
            self._base = _read(self.path)
        self.overrides = dict(overrides or {})
        self.text = self._apply()
        err = _native.ffi.new("char[]", _ERR_SIZE)
        if _native.lib.hbm_capi_config_check(self.text.encode(), self.path.encode(), err, _ERR_SIZE):
            raise HbmError(self._message(_native.ffi.string(err).decode(errors="replace")))

    def _message(self, msg):
        """The parser's message about self.text as the user knows it: an
        override's line named as the override, a preset by its name."""
        m = re.match(re.escape(self.path) + r":(\d+): (.*)$", msg, re.S)
        if m and int(m.group(1)) - 1 in self._override_lines:
            key = self._override_lines[int(m.group(1)) - 1]
            return "%s: override %s = %r: %s" % (self.name, key, self.overrides[key], m.group(2))
        return msg.replace(self.path, self.name, 1)

    def with_overrides(self, **overrides):
        """A copy with more overrides (keyword form: queue_depth=16)."""
        return Config(self, overrides)

    def _chain(self):
        """[(section, key, value)] of this file, then of its based_on files."""
        out, text, path = [], self._base, self.path
        for _ in range(_BASED_ON_DEPTH + 1):
            entries = _entries(text)
            out += [(s, k, v) for s, k, v, _ in entries if s]
            base = [v for s, k, v, _ in entries if not s and k == "based_on"]
            if not base:
                break
            path = base[0] if base[0].startswith("/") else os.path.join(os.path.dirname(path), base[0])
            text = _read(path)
        return out

    def keys(self):
        """Every key as "section.key" (this file's, then its bases')."""
        seen = []
        for s, k, _ in self._chain():
            if s + "." + k not in seen:
                seen.append(s + "." + k)
        return seen

    def _find(self, key):
        """(section, key) of key ("queue_depth" or "controller.queue_depth")."""
        section, _, bare = key.rpartition(".")
        found = sorted({(s, k) for s, k, _ in self._chain() if k == bare and (not section or s == section)})
        if not found:
            near = difflib.get_close_matches(bare, sorted({k for _, k, _ in self._chain()}), 4, 0.5)
            raise HbmError("%s: no key '%s' (%s)" % (self.name, key, "did you mean %s?" % ", ".join(near) if near
                                                       else "Config.keys() lists them"))
        if len(found) > 1:
            raise HbmError("%s: key '%s' is in sections %s: name one (section.key)"
                           % (self.name, key, ", ".join(s for s, _ in found)))
        return found[0]

    def __getitem__(self, key):
        """The value of a key as text, overrides applied."""
        section, bare = self._find(key)
        for s, k, v, _ in _entries(self.text):
            if (s, k) == (section, bare):
                return v
        return next(v for s, k, v in self._chain() if (s, k) == (section, bare))

    def __repr__(self):
        extra = ", %r" % self.overrides if self.overrides else ""
        return "Config(%r%s)" % (self.name, extra)

    def _apply(self):
        lines = self._base.split("\n")
        own = {(s, k): i for s, k, _, i in _entries(self._base)}
        self._override_lines = {}
        for key, value in self.overrides.items():
            section, bare = self._find(key)
            i = own.get((section, bare))
            if i is None:   # the base's key: set here, in its section, after everything else
                lines += ["[%s]" % section, "%s = %s ; hbmctl override" % (bare, _format(value))]
                own[(section, bare)] = len(lines) - 1
                self._override_lines[len(lines) - 1] = key
                continue
            old = _entries(lines[i])[0][2] if _entries(lines[i]) else ""
            indent = lines[i][:len(lines[i]) - len(lines[i].lstrip())]
            lines[i] = "%s%s = %s ; hbmctl override (the file says %s)" % (indent, bare, _format(value), old)
            self._override_lines[i] = key
        return "\n".join(lines)
