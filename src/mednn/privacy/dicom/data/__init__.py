"""Data files of DICOM de-identification: the PS3.15 Basic Profile table and the script that generated it (MANIFEST.md)."""
