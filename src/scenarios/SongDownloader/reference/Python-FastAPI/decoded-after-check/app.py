# SongDownloader — INSECURE variant (FastAPI): "..", absolute and backslash names are rejected, then
# the name is percent-decoded "to support encoded file names" — after the check, so an encoded
# "../" gets through (CWE-22).
import os
from urllib.parse import unquote

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


@app.post("/download")
def download(body: DownloadRequest):
    name = body.filename
    if not name or ".." in name or name.startswith("/") or "\\" in name:
        return JSONResponse(status_code=400, content={"error": "Invalid filename"})
    path = os.path.join(SONGS_DIR, unquote(name))
    if not os.path.isfile(path):
        return JSONResponse(status_code=404, content={"error": "File does not exist"})
    return FileResponse(path, media_type="audio/mpeg")


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=5000)
