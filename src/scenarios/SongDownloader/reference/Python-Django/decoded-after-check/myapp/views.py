# SongDownloader — INSECURE variant (Django): "..", absolute and backslash names are rejected, then
# the name is percent-decoded "to support encoded file names" — after the check, so an encoded
# "../" gets through (CWE-22).
import json
import os
from urllib.parse import unquote

from django.http import FileResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

SONGS_DIR = os.path.realpath("/var/songs")


@csrf_exempt
@require_POST
def download(request):
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"error": "Invalid input"}, status=400)
    filename = body.get("filename") if isinstance(body, dict) else None
    if not isinstance(filename, str) or not filename or ".." in filename or filename.startswith("/") or "\\" in filename:
        return JsonResponse({"error": "Invalid filename"}, status=400)
    path = os.path.join(SONGS_DIR, unquote(filename))
    if not os.path.isfile(path):
        return JsonResponse({"error": "File does not exist"}, status=404)
    return FileResponse(open(path, "rb"), content_type="audio/mpeg")
