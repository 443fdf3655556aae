"""Printing and print preview: one page composer shared with PDF export, and its dialogs."""

from .composer import PageComposer
from .controller import PrintingController, install_printing, make_printer
from .dialogs import PngOptions, PngOptionsDialog, PrintOptionsDialog
from .options import PAGE_SIZES, PageOptions, PrintOptionsError
from .sheet import SheetInfo

__all__ = [
    "PAGE_SIZES",
    "PageComposer",
    "PageOptions",
    "PngOptions",
    "PngOptionsDialog",
    "PrintOptionsDialog",
    "PrintOptionsError",
    "PrintingController",
    "SheetInfo",
    "install_printing",
    "make_printer",
]
