"""The emulator's backend state: plain Python, one module per API area, no HTTP."""

from .backend import Backend, Now

__all__ = ["Backend", "Now"]
