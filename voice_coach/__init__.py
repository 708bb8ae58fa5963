"""voice-coach: a local, private, voice-driven mock interviewer."""

__version__ = "0.1.0"
