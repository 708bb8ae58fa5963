"""Error hierarchy. Every message names the problem and the fix in one line; `cli` prints it."""


class VoiceCoachError(Exception):
    """Base of all user-facing errors. `exit_code` is what the CLI exits with."""

    exit_code = 2


class ConfigError(VoiceCoachError):
    """A config file or value is invalid."""


class AudioError(VoiceCoachError):
    """An audio file is missing, unreadable, empty or unusable."""


class DeviceError(VoiceCoachError):
    """No usable microphone / output device, or PortAudio is missing."""


class ModelNotFoundError(VoiceCoachError):
    """Whisper weights or another bundled model file are not installed locally (nothing is
    downloaded at run time)."""


class QuestionError(VoiceCoachError):
    """The question bank is malformed or a question id is unknown."""


class SessionError(VoiceCoachError):
    """A session id is unknown or invalid, or a session folder is unusable."""


class StorageError(VoiceCoachError):
    """Writing to disk failed (read-only folder, disk full)."""
