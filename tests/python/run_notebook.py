"""Runs a notebook headless, top to bottom, as `jupyter execute` would, and prints what its
last code cell printed.

Usage: python3 tests/python/run_notebook.py NOTEBOOK.ipynb WORKING_DIR

Any cell that raises fails the run (nbclient's CellExecutionError, exit status 1) with the
cell's traceback. The notebook's outputs are not written back: the committed file stays
stripped.
"""

import sys

import nbformat
from nbclient import NotebookClient

notebook = nbformat.read(sys.argv[1], as_version=4)
client = NotebookClient(
    notebook,
    timeout=300,
    kernel_name="python3",
    resources={"metadata": {"path": sys.argv[2]}},
)
client.execute()
last = [cell for cell in notebook.cells if cell.cell_type == "code"][-1]
print("".join(out.get("text", "") for out in last.outputs if out.output_type == "stream"))
