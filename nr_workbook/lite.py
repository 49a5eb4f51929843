"""Public entry point of the xlwings Lite plugin, kept at this path for the workbooks that import it
(`from nr_workbook.lite import *`): the plugin itself is `nr_workbook.excel.lite`."""

from nr_workbook.excel.lite import *  # noqa: F403
from nr_workbook.excel.lite import __xlwings_func_namespace__  # noqa: F401
