"""The test run cannot reach other hosts: pytest-socket guards every connection."""

from __future__ import annotations

import socket

import pytest
import pytest_socket


def test_connections_to_other_hosts_are_blocked():
    # Only try the connection once we know the guard is installed: if it were not, this
    # test must not send anything anywhere.
    assert socket.socket.connect is not pytest_socket._true_connect, "no network guard"
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(pytest_socket.SocketConnectBlockedError),
        pytest.warns(UserWarning, match="192.0.2.1"),  # pytest-socket also says so
    ):
        sock.connect(("192.0.2.1", 9))  # TEST-NET-1, documentation-only address


def test_loopback_stays_open():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.create_connection(server.getsockname(), timeout=5):
            pass
