# Monitor — secure reference (aiohttp): ps runs without a shell on a checked list of flags, and the
# user's regex is bounded in length and runs on bounded input.
import asyncio
import re

from aiohttp import web

MAX_FLAGS_LENGTH = 64
MAX_REGEX_LENGTH = 256
FLAG_TOKEN = re.compile(r"^-{0,2}[A-Za-z0-9][A-Za-z0-9,=:_]*$")
COMMAND_HEADERS = ("COMMAND", "CMD", "ARGS", "COMM")

routes = web.RouteTableDef()


class BadRequest(Exception):
    pass


def error(status, message):
    return web.json_response({"code": status, "message": message}, status=status)


def parse_flags(flags):
    if flags is None or flags == "":
        return []
    if not isinstance(flags, str):
        raise BadRequest("filter_flags must be a string")
    if len(flags) > MAX_FLAGS_LENGTH:
        raise BadRequest(f"filter_flags may have at most {MAX_FLAGS_LENGTH} characters")
    tokens = flags.split()
    for token in tokens:
        if not FLAG_TOKEN.match(token):
            raise BadRequest(f"unsupported flag: {token}")
    return tokens


def compile_regex(source):
    if not isinstance(source, str):
        raise BadRequest("command_regex is required and must be a string")
    if len(source) > MAX_REGEX_LENGTH:
        raise BadRequest(f"command_regex may have at most {MAX_REGEX_LENGTH} characters")
    try:
        return re.compile(source)
    except re.error:
        raise BadRequest("command_regex is not a valid regular expression")


async def run_ps(args):
    proc = await asyncio.create_subprocess_exec(
        "ps", *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    try:
        stdout, stderr = await asyncio.wait_for(proc.communicate(), timeout=5)
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
    return web.json_response([p for p in processes if regex.search(p["processString"])])


def create_app():
    app = web.Application(client_max_size=16 * 1024)
    app.add_routes(routes)
    return app


if __name__ == "__main__":
    web.run_app(create_app(), host="0.0.0.0", port=5000)
