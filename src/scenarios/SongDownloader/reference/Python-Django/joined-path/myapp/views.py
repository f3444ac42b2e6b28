# SongDownloader — INSECURE variant (Django): the file name is joined onto the songs folder
# unchecked, so "../" climbs out of it and an absolute name replaces it (CWE-22).
import json
import os

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
    if not isinstance(filename, str) or not filename:
        return JsonResponse({"error": "Invalid input"}, status=400)
    path = os.path.join(SONGS_DIR, filename)
    if not os.path.isfile(path):
        return JsonResponse({"error": "File does not exist"}, status=404)
    return FileResponse(open(path, "rb"), content_type="audio/mpeg")
