"""Pure analysis functions (no I/O): VAD segmentation, delivery metrics, answer structure."""
