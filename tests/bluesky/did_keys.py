"""The public keys of DID documents, as the chat service needs them to verify the PDS's
service-auth tokens: base58btc multibase keys (Multikey, and the legacy types the PLC bundled
with dev-env still serves) and the JWT algorithms they go with."""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives.asymmetric import ec

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_CURVES = {b"\xe7\x01": ec.SECP256K1(), b"\x80\x24": ec.SECP256R1()}  # multicodec prefixes
_LEGACY = {"EcdsaSecp256k1VerificationKey2019": ec.SECP256K1(),
           "EcdsaSecp256r1VerificationKey2019": ec.SECP256R1()}
ALGS = {"ES256K": ec.SECP256K1, "ES256": ec.SECP256R1}


def b58decode(text: str) -> bytes:
    n = 0
    for ch in text:
        n = n * 58 + _B58.index(ch)
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return b"\0" * (len(text) - len(text.lstrip("1"))) + raw


def public_key_from_multibase(multibase: str, vm_type: str = "Multikey"
                              ) -> ec.EllipticCurvePublicKey:
    """A verification method's ``publicKeyMultibase``: 'z' + base58btc. For ``Multikey``
    (current DID documents) it is multicodec + compressed point; the legacy types that the PLC
    bundled with dev-env still serves (``EcdsaSecp256k1VerificationKey2019``,
    ``EcdsaSecp256r1VerificationKey2019``) carry the bare point, uncompressed."""
    if not multibase.startswith("z"):
        raise ValueError(f"not base58btc multibase: {multibase[:8]}")
    raw = b58decode(multibase[1:])
    if vm_type in _LEGACY:
        return ec.EllipticCurvePublicKey.from_encoded_point(_LEGACY[vm_type], raw)
    curve = _CURVES.get(raw[:2])
    if curve is None:
        raise ValueError(f"unsupported key type {raw[:2].hex()}")
    return ec.EllipticCurvePublicKey.from_encoded_point(curve, raw[2:])


def b64url(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
