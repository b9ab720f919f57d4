import socket

import pytest
from pytest_socket import SocketBlockedError


def test_unit_tests_cannot_reach_the_network() -> None:
    with pytest.raises(SocketBlockedError):
        socket.create_connection(("127.0.0.1", 9), timeout=0.5)
