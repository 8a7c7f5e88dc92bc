import json, os, shlex, subprocess
from langchain_core.tools import tool

ALLOWED = {"status": ["git", "status"], "log": ["git", "log", "-5"]}

@tool
def run_shell(command: str) -> str:
    """Run a shell command and return its output."""
    # ruleid: python-llm-tool-shell
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout

@tool
def git(action: str) -> str:
    """Run an allowed git action."""
    # ok: python-llm-tool-shell
    return subprocess.run(ALLOWED[action], capture_output=True, text=True).stdout

@tool
def git2(action: str) -> str:
    """Run an allowed git action."""
    if action not in ALLOWED:
        raise ValueError("not allowed")
    # ok: python-llm-tool-shell
    return subprocess.run(["git", action], capture_output=True, text=True).stdout

def dispatch(message):
    for block in message.content:
        if block.type == "tool_use":
            # ruleid: python-llm-tool-shell
            os.system(block.input["cmd"])
