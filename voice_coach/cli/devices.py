"""CLI command `voice-coach devices`: list microphones (and whether sound can be played)."""

from __future__ import annotations

from voice_coach.cli import common


def register(sub) -> None:
    """Add this module's commands to the `voice-coach` parser."""
    common.add_command(
        sub, "devices", "list input devices (microphones) for --device",
        run_devices,
        description="List the input devices PortAudio sees (use the index or a name with "
        "--device) and whether an output device exists for the interviewer's voice.",
    )


def run_devices(args) -> int:
    from rich.table import Table

    from voice_coach.audio import has_output_device, list_input_devices

    devices = list_input_devices()  # DeviceError (one line) if PortAudio is missing
    out = common.console()
    if devices:
        table = Table(title="Input devices", title_justify="left")
        table.add_column("index", justify="right")
        table.add_column("name")
        table.add_column("channels", justify="right")
        table.add_column("default rate", justify="right")
        table.add_column("default")
        for d in devices:
            table.add_row(str(d.index), d.name, str(d.channels), f"{d.default_rate_hz:.0f} Hz",
                          "*" if d.is_default else "")
        out.print(table)
        out.print("Choose one with --device INDEX or --device NAME (a part of the name is enough).")
    else:
        out.print("No input devices found — connect a microphone (or use --input FILE to "
                  "answer from a recording).")
    if has_output_device():
        out.print("Output device: yes (questions are spoken).")
    else:
        out.print("Output device: none (questions are shown as text).")
    return 0
