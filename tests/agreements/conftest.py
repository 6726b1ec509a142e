import pytest

from samverkan.seal import make_self_signed_pkcs12
from tests.agreements.factories import Jarfalla

SEAL_PASSWORD = "test-seal"


@pytest.fixture(scope="session")
def seal_certificate(tmp_path_factory):
    path = tmp_path_factory.mktemp("seal") / "seal.p12"
    make_self_signed_pkcs12(path, SEAL_PASSWORD, "Samverkansportalen testsigill")
    return path


@pytest.fixture(autouse=True)
def _seal_settings(settings, seal_certificate):
    settings.SIGNING_CERT_PATH = str(seal_certificate)
    settings.SIGNING_CERT_PASSWORD = SEAL_PASSWORD


@pytest.fixture
def jarfalla(db):
    return Jarfalla()
