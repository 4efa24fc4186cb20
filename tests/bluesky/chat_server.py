"""Our stand-in for Bluesky's closed chat service: the published ``chat.bsky.convo`` lexicons
over real HTTP, reached through the real PDS's ``atproto-proxy`` pipethrough.

Every request must carry a service-auth JWT that the PDS signed with the user's repo key; it is
verified against the ``#atproto`` key of the issuer's DID document on the local PLC. The sender
of a message is the token's ``iss``. Tests inspect the state in process (``messages()``,
``calls``, ``rejected``) and set who accepts DMs from whom (``allow_incoming``).
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar

import httpx
import uvicorn
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from did_keys import ALGS, b64url, public_key_from_multibase
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

# What Bluesky's chat service answers when the recipient only accepts DMs from accounts they
# follow. The lexicon (getConvoForMembers) declares the error name; the message is the one the
# production service sends and the official app matches on.
NOT_FOLLOWED = ("NotFollowedBySender",
                "recipient requires incoming messages to come from someone they follow")
DISABLED = ("MessagesDisabled", "recipient has disabled incoming messages")

class XrpcError(Exception):
    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(f"{error}: {message}")
        self.status, self.error, self.message = status, error, message


@dataclass
class Message:
    id: str
    rev: str
    convo_id: str
    sender: str
    text: str
    sent_at: str
    facets: list[Any] | None = None

    def view(self) -> dict[str, Any]:
        v = {"$type": "chat.bsky.convo.defs#messageView", "id": self.id, "rev": self.rev,
             "text": self.text, "sender": {"did": self.sender}, "sentAt": self.sent_at}
        if self.facets:
            v["facets"] = self.facets
        return v


@dataclass
class Convo:
    id: str
    members: tuple[str, ...]
    rev: str = ""
    messages: list[Message] = field(default_factory=list)
    read: dict[str, int] = field(default_factory=dict)  # member -> messages read so far


class ChatServer:
    """Start with ``start()`` (a uvicorn thread on 127.0.0.1, free port), ``stop()`` at the end.
    ``plc``, ``pds`` and ``appview`` URLs and ``did`` are set once the network is up."""

    def __init__(self) -> None:
        self.did = ""
        self.plc = self.pds = self.appview = ""
        self.allow_incoming: dict[str, str] = {}  # did -> "all" | "following" | "none"
        self.calls: list[dict[str, Any]] = []     # verified requests: lxm, iss, aud
        self.rejected: list[dict[str, Any]] = []  # refused tokens: lxm, error, message
        self._lock = threading.Lock()
        self._convos: dict[str, Convo] = {}
        self._logs: list[tuple[str, str, dict[str, Any]]] = []  # (rev, member, log entry)
        self._revs = itertools.count(1)
        self._keys: dict[str, ec.EllipticCurvePublicKey] = {}
        self._handles: dict[str, str] = {}
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.url = ""

    # -- in-process API for tests ---------------------------------------------------------
    def messages(self) -> list[Message]:
        with self._lock:
            return sorted((m for c in self._convos.values() for m in c.messages),
                          key=lambda m: m.rev)

    def reset(self) -> None:
        with self._lock:
            self._convos.clear()
            self._logs.clear()
            self.allow_incoming.clear()
            self.calls.clear()
            self.rejected.clear()

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> str:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        config = uvicorn.Config(self.app(), log_level="warning", lifespan="off")
        up = threading.Event()

        class Server(uvicorn.Server):
            async def startup(self, sockets=None) -> None:  # noqa: ANN001
                await super().startup(sockets)
                up.set()

        self._server = Server(config)

        def serve() -> None:
            try:
                self._server.run(sockets=[sock])
            finally:
                up.set()  # a failed start ends the wait too

        self._thread = threading.Thread(target=serve, name="chat-server", daemon=True)
        self._thread.start()
        if not up.wait(10) or not self._server.started:
            raise RuntimeError("the chat server did not start")
        return self.url

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)

    # -- auth ----------------------------------------------------------------------------------
    async def _did_doc(self, did: str) -> dict[str, Any]:
        async with httpx.AsyncClient(timeout=10) as http:
            r = await http.get(f"{self.plc}/{did}")
        if r.status_code != 200:
            raise XrpcError(401, "AuthRequired", f"could not resolve did: {did}")
        doc = r.json()
        for aka in doc.get("alsoKnownAs", []):
            if aka.startswith("at://"):
                self._handles[did] = aka[5:]
        return doc

    async def _signing_key(self, did: str, *, fresh: bool) -> ec.EllipticCurvePublicKey:
        if fresh or did not in self._keys:
            doc = await self._did_doc(did)
            for vm in doc.get("verificationMethod", []):
                if vm.get("id") in (f"{did}#atproto", "#atproto"):
                    self._keys[did] = public_key_from_multibase(
                        vm["publicKeyMultibase"], vm.get("type", "Multikey"))
                    break
            else:
                raise XrpcError(401, "AuthRequired", "missing or bad key in did doc")
        return self._keys[did]

    async def verify(self, request: Request, lxm: str) -> str:
        """The caller's DID, from a valid service-auth JWT for ``lxm``; else XrpcError(401)."""
        auth = request.headers.get("authorization", "")
        if not auth.startswith("Bearer "):
            raise XrpcError(401, "AuthMissing", "Authentication Required")
        token = auth[7:].strip()
        try:
            head_b64, body_b64, sig_b64 = token.split(".")
            header, claims = json.loads(b64url(head_b64)), json.loads(b64url(body_b64))
            sig = b64url(sig_b64)
        except ValueError as exc:
            raise XrpcError(401, "BadJwt", f"poorly formatted jwt: {exc}") from None
        curve = ALGS.get(header.get("alg"))
        if curve is None or len(sig) != 64:
            raise XrpcError(401, "BadJwtSignature", f"unsupported jwt alg {header.get('alg')!r}")
        iss = str(claims.get("iss", "")).split("#")[0]  # iss may carry a service fragment
        if not iss.startswith("did:"):
            raise XrpcError(401, "BadJwt", "jwt iss is not a did")
        if str(claims.get("aud", "")).split("#")[0] != self.did:
            raise XrpcError(401, "BadJwtAudience",
                            "jwt audience does not match service did")
        if claims.get("lxm") != lxm:
            raise XrpcError(401, "BadJwtLexiconMethod", "bad jwt lexicon method (\"lxm\")")
        if not isinstance(claims.get("exp"), int) or claims["exp"] <= time.time():
            raise XrpcError(401, "JwtExpired", "jwt expired")
        der = encode_dss_signature(int.from_bytes(sig[:32], "big"),
                                   int.from_bytes(sig[32:], "big"))
        signed = f"{head_b64}.{body_b64}".encode()
        for fresh in (False, True):  # on failure, refetch once: the key may have rotated
            key = await self._signing_key(iss, fresh=fresh)
            if not isinstance(key.curve, curve):
                continue
            try:
                key.verify(der, signed, ec.ECDSA(hashes.SHA256()))
                self.calls.append({"lxm": lxm, "iss": claims["iss"], "aud": claims["aud"]})
                return iss
            except InvalidSignature:
                pass
        raise XrpcError(401, "BadJwtSignature", "jwt signature does not match jwt issuer")

    # -- rules -----------------------------------------------------------------------------------
    async def _check_may_message(self, sender: str, recipient: str) -> None:
        policy = self.allow_incoming.get(recipient, "all")
        if policy == "all":
            return
        if policy == "none":
            raise XrpcError(400, *DISABLED)
        async with httpx.AsyncClient(timeout=10) as http:  # does the recipient follow the sender?
            r = await http.get(f"{self.appview}/xrpc/app.bsky.graph.getRelationships",
                               params={"actor": recipient, "others": [sender]})
        r.raise_for_status()
        rels = r.json().get("relationships", [])
        if not any(rel.get("did") == sender and rel.get("following") for rel in rels):
            raise XrpcError(400, *NOT_FOLLOWED)

    # -- views -----------------------------------------------------------------------------------
    def _next_rev(self) -> str:
        return f"{next(self._revs):016d}"

    async def _profile(self, did: str) -> dict[str, Any]:
        if did not in self._handles:
            await self._did_doc(did)
        return {"did": did, "handle": self._handles.get(did, "handle.invalid")}

    async def _convo_view(self, convo: Convo, viewer: str) -> dict[str, Any]:
        seen = convo.read.get(viewer, 0)
        unread = sum(1 for m in convo.messages[seen:] if m.sender != viewer)
        view = {"id": convo.id, "rev": convo.rev or "0" * 16,
                "members": [await self._profile(d) for d in convo.members],
                "muted": False, "unreadCount": unread,
                "status": "accepted" if (any(m.sender == viewer for m in convo.messages)
                                         or not convo.messages) else "request"}
        if convo.messages:
            view["lastMessage"] = convo.messages[-1].view()
        return view

    def _convo_for(self, convo_id: str, did: str) -> Convo:
        convo = self._convos.get(convo_id)
        if convo is None or did not in convo.members:
            raise XrpcError(400, "InvalidConvo", "Convo not found")
        return convo

    # -- methods ---------------------------------------------------------------------------------
    async def get_convo_for_members(self, did: str, params: Any, body: Any) -> dict[str, Any]:
        members = tuple(sorted(set(params.getlist("members")) | {did}))
        if len(members) < 2:
            raise XrpcError(400, "InvalidRequest", "a convo needs another member")
        digest = hashlib.sha256(";".join(members).encode()).digest()
        convo_id = base64.b32encode(digest).decode()[:16].lower()
        if convo_id not in self._convos:
            for other in members:
                if other != did:
                    await self._check_may_message(did, other)
            with self._lock:
                convo = self._convos.setdefault(convo_id, Convo(convo_id, members))
                if not convo.rev:
                    convo.rev = self._next_rev()
                    for m in members:
                        self._logs.append((convo.rev, m, {
                            "$type": "chat.bsky.convo.defs#logBeginConvo",
                            "rev": convo.rev, "convoId": convo_id}))
        return {"convo": await self._convo_view(self._convos[convo_id], did)}

    async def get_convo(self, did: str, params: Any, body: Any) -> dict[str, Any]:
        return {"convo": await self._convo_view(self._convo_for(params.get("convoId"), did), did)}

    async def list_convos(self, did: str, params: Any, body: Any) -> dict[str, Any]:
        limit = min(int(params.get("limit", 50)), 100)
        cursor = params.get("cursor")
        mine = sorted((c for c in self._convos.values() if did in c.members),
                      key=lambda c: c.rev, reverse=True)
        if cursor:
            mine = [c for c in mine if c.rev < cursor]
        page = mine[:limit]
        out = {"convos": [await self._convo_view(c, did) for c in page]}
        if len(mine) > limit:
            out["cursor"] = page[-1].rev
        return out

    async def get_messages(self, did: str, params: Any, body: Any) -> dict[str, Any]:
        convo = self._convo_for(params.get("convoId"), did)
        limit = min(int(params.get("limit", 50)), 100)
        cursor = params.get("cursor")
        newest_first = [m for m in reversed(convo.messages) if not cursor or m.rev < cursor]
        page = newest_first[:limit]
        out: dict[str, Any] = {"messages": [m.view() for m in page]}
        if len(newest_first) > limit:
            out["cursor"] = page[-1].rev
        return out

    async def send_message(self, did: str, params: Any, body: Any) -> dict[str, Any]:
        convo = self._convo_for(body.get("convoId"), did)
        msg_in = body.get("message") or {}
        text = msg_in.get("text")
        if not isinstance(text, str) or not text:
            raise XrpcError(400, "InvalidRequest", "message text is required")
        for other in convo.members:  # until a member has written, they must allow our DMs
            if other != did and not any(m.sender == other for m in convo.messages):
                await self._check_may_message(did, other)
        with self._lock:
            rev = self._next_rev()
            msg = Message(id=rev[-8:].lstrip("0") or "0", rev=rev, convo_id=convo.id,
                          sender=did, text=text, facets=msg_in.get("facets"),
                          sent_at=datetime.now(UTC).isoformat(timespec="milliseconds")
                          .replace("+00:00", "Z"))
            convo.messages.append(msg)
            convo.rev = rev
            convo.read[did] = len(convo.messages)
            for m in convo.members:
                self._logs.append((rev, m, {"$type": "chat.bsky.convo.defs#logCreateMessage",
                                            "rev": rev, "convoId": convo.id,
                                            "message": msg.view()}))
        return msg.view()

    async def update_read(self, did: str, params: Any, body: Any) -> dict[str, Any]:
        convo = self._convo_for(body.get("convoId"), did)
        with self._lock:
            convo.read[did] = len(convo.messages)
        return {"convo": await self._convo_view(convo, did)}

    async def get_log(self, did: str, params: Any, body: Any) -> dict[str, Any]:
        cursor = params.get("cursor") or ""
        logs = [entry for rev, member, entry in self._logs if member == did and rev > cursor]
        out: dict[str, Any] = {"logs": logs}
        if logs:
            out["cursor"] = logs[-1]["rev"]
        elif cursor:
            out["cursor"] = cursor
        return out

    # -- HTTP ------------------------------------------------------------------------------------
    METHODS: ClassVar[dict[str, tuple[str, Any]]] = {
        "chat.bsky.convo.getConvoForMembers": ("GET", get_convo_for_members),
        "chat.bsky.convo.getConvo": ("GET", get_convo),
        "chat.bsky.convo.listConvos": ("GET", list_convos),
        "chat.bsky.convo.getMessages": ("GET", get_messages),
        "chat.bsky.convo.getLog": ("GET", get_log),
        "chat.bsky.convo.sendMessage": ("POST", send_message),
        "chat.bsky.convo.updateRead": ("POST", update_read),
    }

    async def _xrpc(self, request: Request) -> JSONResponse:
        nsid = request.path_params["nsid"]
        try:
            if nsid not in self.METHODS:
                raise XrpcError(501, "MethodNotImplemented", "Method Not Implemented")
            verb, handler = self.METHODS[nsid]
            if request.method != verb:
                raise XrpcError(400, "InvalidRequest", f"Incorrect HTTP method ({request.method})")
            try:
                did = await self.verify(request, nsid)
            except XrpcError as err:
                self.rejected.append({"lxm": nsid, "error": err.error, "message": err.message})
                raise
            body = await request.json() if verb == "POST" else None
            return JSONResponse(await handler(self, did, request.query_params, body))
        except XrpcError as err:
            return JSONResponse({"error": err.error, "message": err.message},
                                status_code=err.status)

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/xrpc/{nsid}", self._xrpc, methods=["GET", "POST"])])
