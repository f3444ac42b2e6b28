# Monitor — INSECURE variant (aiohttp): the regex has to match the whole process line, the flags
# are not bounded (so the ps line itself can be made long), and matching may run for 20 s per
# request in a child process (CWE-400): one request pins the CPU. The child's time limit lets the
# request end.
import asyncio
import json
import re
import sys

from aiohttp import web

MATCH_TIMEOUT = 20
FLAG_TOKEN = re.compile(r"^-{0,2}[A-Za-z0-9][A-Za-z0-9,=:_]*$")
COMMAND_HEADERS = ("COMMAND", "CMD", "ARGS", "COMM")

routes = web.RouteTableDef()


class BadRequest(Exception):
    pass


def error(status, message):
    return web.json_response({"code": status, "message": message}, status=status)


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


async def run_ps(args):
    proc = await asyncio.create_subprocess_exec(
        "ps", *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    try:
        stdout, stderr = await asyncio.wait_for(proc.communicate(), timeout=30)
    except asyncio.TimeoutError:
        proc.kill()
        raise
    if proc.returncode != 0:
        first = stderr.decode(errors="replace").strip().splitlines()
        raise BadRequest(f"ps rejected the flags: {first[0] if first else 'error'}")
    return stdout.decode(errors="replace")


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


async def matching_indexes(pattern, commands):
    # In a child process, so a slow pattern cannot hang the server forever.
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", MATCHER, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE
    )
    payload = json.dumps({"pattern": pattern, "commands": commands}).encode()
    try:
        stdout, _ = await asyncio.wait_for(proc.communicate(payload), timeout=MATCH_TIMEOUT)
    except asyncio.TimeoutError:
        proc.kill()
        await proc.wait()
        raise
    return json.loads(stdout)


@routes.post("/monitor/commands")
async def monitor_commands(request):
    try:
        body = await request.json()
    except Exception:
        return error(400, "the body must be JSON")
    if not isinstance(body, dict):
        return error(400, "the body must be a JSON object")
    try:
        regex = compile_regex(body.get("command_regex"))
        args = parse_flags(body.get("filter_flags"))
        processes = parse_ps(await run_ps(args))
    except BadRequest as e:
        return error(400, str(e))
    except (asyncio.TimeoutError, OSError):
        return error(500, "could not list the processes")
    try:
        hits = await matching_indexes(regex.pattern, [p["processString"] for p in processes])
    except asyncio.TimeoutError:
        return error(500, "matching took too long")
    return web.json_response([processes[i] for i in hits])


def create_app():
    app = web.Application()
    app.add_routes(routes)
    return app


if __name__ == "__main__":
    web.run_app(create_app(), host="0.0.0.0", port=5000)
