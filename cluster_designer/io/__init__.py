"""Reading and writing designs in interchange formats (docs/reference/formats.md); no Qt here."""

from .csv_format import read_csv_pair, write_csv_pair
from .dispatch import FORMATS, FileFormat, file_format, read_design_file, write_design_file
from .errors import FormatError
from .graph_records import SectorChoice, SectorUnknownError, guess_sector
from .json_format import design_to_dict, read_json, write_json

__all__ = [
    "FORMATS",
    "FileFormat",
    "FormatError",
    "SectorChoice",
    "SectorUnknownError",
    "design_to_dict",
    "file_format",
    "guess_sector",
    "read_csv_pair",
    "read_design_file",
    "read_json",
    "write_csv_pair",
    "write_design_file",
    "write_json",
]
