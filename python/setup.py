"""Build of the hbmctl package: the cffi extension (hbmctl/_build.py) and
the presets, copied from the repository's configs/ (their one home) into
the package at build time, so a preset name works after pip install.
"""
import glob
import os
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIGS = os.path.join(os.path.dirname(HERE), "configs")


class BuildWithPresets(build_py):
    def run(self):
        super().run()
        presets = sorted(glob.glob(os.path.join(CONFIGS, "*.ini")))
        if not presets:
            raise SystemExit("hbmctl: no presets in %s: build from the hbmctl repository" % CONFIGS)
        dest = os.path.join(self.build_lib, "hbmctl", "configs")
        os.makedirs(dest, exist_ok=True)
        for path in presets:
            shutil.copy(path, dest)


setup(cffi_modules=["hbmctl/_build.py:ffibuilder"], cmdclass={"build_py": BuildWithPresets})
