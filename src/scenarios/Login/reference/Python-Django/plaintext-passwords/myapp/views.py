# Login — INSECURE variant (Django): passwords are stored in plain text (CWE-522).
# Queries go through the ORM and tokens are per user.
import datetime
import json
import os
import secrets

import jwt
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import Account

SECRET = os.environ.get("APP_SECRET") or secrets.token_hex(32)


def json_body(request):
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return body if isinstance(body, dict) else {}


@csrf_exempt
@require_POST
def register(request):
    body = json_body(request)
    email, password, name = body.get("email"), body.get("password"), body.get("name")
    if not isinstance(email, str) or not isinstance(password, str) or not password or not isinstance(name, str):
        return JsonResponse({"message": "Email already in use or invalid data"}, status=400)
    try:
        validate_email(email)
    except ValidationError:
        return JsonResponse({"message": "Email already in use or invalid data"}, status=400)
    try:
        account = Account.objects.create(email=email, name=name, password=password)
    except IntegrityError:
        return JsonResponse({"message": "Email already in use or invalid data"}, status=400)
    return JsonResponse({"message": "Registration successful", "userId": str(account.id)}, status=201)


@csrf_exempt
@require_POST
def login(request):
    body = json_body(request)
    email, password = body.get("email"), body.get("password")
    if not isinstance(email, str) or not isinstance(password, str):
        return JsonResponse({"message": "Invalid email or password"}, status=401)
    account = Account.objects.filter(email=email).first()
    if account is None or not secrets.compare_digest(password, account.password):
        return JsonResponse({"message": "Invalid email or password"}, status=401)
    now = datetime.datetime.now(datetime.timezone.utc)
    token = jwt.encode(
        {"sub": str(account.id), "email": account.email, "iat": now, "exp": now + datetime.timedelta(hours=1)},
        SECRET,
        algorithm="HS256",
    )
    return JsonResponse({"token": token, "message": "Login successful"})
