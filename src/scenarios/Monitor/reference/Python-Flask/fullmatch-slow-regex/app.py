# Monitor — INSECURE variant (Flask): the regex has to match the whole process line, the flags are
# not bounded (so the ps line itself can be made long), and matching may run for 20 s per request
# in a child process (CWE-400): one request pins the CPU. The child's time limit lets the request
# end.
import json
import re
import subprocess
import sys

from flask import Flask, jsonify, request

MATCH_TIMEOUT = 20
FLAG_TOKEN = re.compile(r"^-{0,2}[A-Za-z0-9][A-Za-z0-9,=:_]*$")
COMMAND_HEADERS = ("COMMAND", "CMD", "ARGS", "COMM")

app = Flask(__name__)


class BadRequest(Exception):
    pass


def error(status, message):
    return jsonify(code=status, message=message), status


def parse_flags(flags):
    if not flags:
        return []
    if not isinstance(flags, str):
        raise BadRequest("filter_flags must be a string")
    return flags.split()


def compile_regex(source):
    if not isinstance(source, str):
        raise BadRequest("command_regex is required and must be a string")
    try:
        return re.compile(source)
    except re.error:
        raise BadRequest("command_regex is not a valid regular expression")


def run_ps(args):
    result = subprocess.run(["ps", *args], capture_output=True, text=True, timeout=30)
    if result.returncode != 0:
        first = result.stderr.strip().splitlines()
        raise BadRequest(f"ps rejected the flags: {first[0] if first else 'error'}")
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


MATCHER = """
import json, re, sys
data = json.load(sys.stdin)
regex = re.compile(data["pattern"])
print(json.dumps([i for i, command in enumerate(data["commands"]) if regex.fullmatch(command)]))
"""


def matching_indexes(pattern, commands):
    # In a child process, so a slow pattern cannot hang the server forever.
    result = subprocess.run(
        [sys.executable, "-c", MATCHER],
        input=json.dumps({"pattern": pattern, "commands": commands}),
        capture_output=True,
        text=True,
        timeout=MATCH_TIMEOUT,
    )
    return json.loads(result.stdout)


@app.post("/monitor/commands")
def monitor_commands():
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return error(400, "the body must be a JSON object")
    try:
        regex = compile_regex(body.get("command_regex"))
        args = parse_flags(body.get("filter_flags"))
        processes = parse_ps(run_ps(args))
    except BadRequest as e:
        return error(400, str(e))
    except (subprocess.TimeoutExpired, OSError):
        return error(500, "could not list the processes")
    try:
        hits = matching_indexes(regex.pattern, [p["processString"] for p in processes])
    except subprocess.TimeoutExpired:
        return error(500, "matching took too long")
    return jsonify([processes[i] for i in hits])


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
