# SongDownloader — secure reference (FastAPI): streams a song from /var/songs. Only plain file names
# are accepted, and the resolved path must stay inside the songs folder.
import os

import uvicorn
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel

SONGS_DIR = os.path.realpath("/var/songs")

app = FastAPI(title="SongDownloader")


class DownloadRequest(BaseModel):
    filename: str


@app.exception_handler(RequestValidationError)
async def invalid_body(request: Request, exc: RequestValidationError):
    return JSONResponse(status_code=400, content={"error": "Invalid input"})


def is_plain_name(name: str) -> bool:
    return (
        0 < len(name) <= 255
        and "/" not in name
        and "\\" not in name
        and "\0" not in name
        and name not in (".", "..")
        and os.path.basename(name) == name
    )


@app.post("/download")
def download(body: DownloadRequest):
    if not is_plain_name(body.filename):
        return JSONResponse(status_code=400, content={"error": "Invalid input"})
    path = os.path.realpath(os.path.join(SONGS_DIR, body.filename))
    if os.path.dirname(path) != SONGS_DIR:
        return JSONResponse(status_code=400, content={"error": "Invalid input"})
    if not os.path.isfile(path):
        return JSONResponse(status_code=404, content={"error": "File does not exist"})
    return FileResponse(path, media_type="audio/mpeg")


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=5000)
