# Monitor — INSECURE variant (Flask): the flags are pasted into a shell command line (CWE-78).
import re
import subprocess

from flask import Flask, jsonify, request

MAX_REGEX_LENGTH = 256
COMMAND_HEADERS = ("COMMAND", "CMD", "ARGS", "COMM")

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024


class BadRequest(Exception):
    pass


def error(status, message):
    return jsonify(code=status, message=message), status


def compile_regex(source):
    if not isinstance(source, str):
        raise BadRequest("command_regex is required and must be a string")
    if len(source) > MAX_REGEX_LENGTH:
        raise BadRequest(f"command_regex may have at most {MAX_REGEX_LENGTH} characters")
    try:
        return re.compile(source)
    except re.error:
        raise BadRequest("command_regex is not a valid regular expression")


def run_ps(flags):
    result = subprocess.run(f"ps {flags or ''}", shell=True, capture_output=True, text=True)
    return result.stdout


def parse_ps(output):
    lines = [line for line in output.splitlines() if line.strip()]
    if not lines:
        return []
    header = lines[0]
    names = header.split()
    if "PID" not in names:
        raise BadRequest("the flags must keep the PID column")
    pid_index = names.index("PID")
    command_name = next((n for n in names if n in COMMAND_HEADERS), None)
    command_start = header.index(command_name) if command_name else -1
    processes = []
    for line in lines[1:]:
        fields = line.split()
        if len(fields) <= pid_index or not fields[pid_index].isdigit():
            continue
        command = line[command_start:].strip() if 0 <= command_start < len(line) else line.strip()
        processes.append({"processId": int(fields[pid_index]), "processString": command})
    return processes


@app.post("/monitor/commands")
def monitor_commands():
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return error(400, "the body must be a JSON object")
    try:
        regex = compile_regex(body.get("command_regex"))
        processes = parse_ps(run_ps(body.get("filter_flags")))
    except BadRequest as e:
        return error(400, str(e))
    except OSError:
        return error(500, "could not list the processes")
    return jsonify([p for p in processes if regex.search(p["processString"])])


@app.errorhandler(413)
def too_large(_e):
    return error(413, "the request body is too large")


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
