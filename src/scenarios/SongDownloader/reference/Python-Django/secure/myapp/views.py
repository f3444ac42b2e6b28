# SongDownloader — secure reference (Django): streams a song from /var/songs. Only plain file names
# are accepted, and the resolved path must stay inside the songs folder.
import json
import os

from django.http import FileResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

SONGS_DIR = os.path.realpath("/var/songs")


def is_plain_name(name):
    return (
        isinstance(name, str)
        and 0 < len(name) <= 255
        and "/" not in name
        and "\\" not in name
        and "\0" not in name
        and name not in (".", "..")
        and os.path.basename(name) == name
    )


@csrf_exempt
@require_POST
def download(request):
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"error": "Invalid input"}, status=400)
    filename = body.get("filename") if isinstance(body, dict) else None
    if not is_plain_name(filename):
        return JsonResponse({"error": "Invalid input"}, status=400)
    path = os.path.realpath(os.path.join(SONGS_DIR, filename))
    if os.path.dirname(path) != SONGS_DIR:
        return JsonResponse({"error": "Invalid input"}, status=400)
    if not os.path.isfile(path):
        return JsonResponse({"error": "File does not exist"}, status=404)
    return FileResponse(open(path, "rb"), content_type="audio/mpeg")
