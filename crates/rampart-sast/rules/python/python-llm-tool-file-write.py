import os, shutil
from langchain_core.tools import tool

@tool
def save_note(path: str, text: str) -> str:
    """Save text to a file."""
    # ruleid: python-llm-tool-file-write
    with open(path, "w") as f:
        f.write(text)
    return "saved"

@tool
def save_note_safe(name: str, text: str) -> str:
    """Save text to a note in the sandbox."""
    # ok: python-llm-tool-file-write
    with open(os.path.join("/srv/notes", os.path.basename(name)), "w") as f:
        f.write(text)
    return "saved"
