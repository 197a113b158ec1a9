"""A hostile Varlink client (standard library only): random bytes, a 10 MiB message with no NUL,
and 1,000 connections at once. Prints one `key=value` line per finding; the caller judges them.

Usage: python3 hostile-client.py SOCKET
"""
import json
import os
import resource
import socket
import sys
import time

SOCKET = sys.argv[1]
GET_STATUS = json.dumps({"method": "io.invsync.Daemon.GetStatus", "parameters": {}}).encode() + b"\0"


def connect(timeout=10.0):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect(SOCKET)
    return s


def read_until_closed(s, limit=1 << 20):
    """Reads what the server says until it closes the connection; returns (bytes, closed)."""
    data = b""
    try:
        while len(data) < limit:
            chunk = s.recv(65536)
            if not chunk:
                return data, True
            data += chunk
    except (socket.timeout, TimeoutError):
        return data, False
    except (ConnectionResetError, BrokenPipeError):
        return data, True
    return data, False


def random_bytes():
    s = connect()
    try:
        s.sendall(os.urandom(65536) + b"\0" + os.urandom(4096) + b"\0")
    except OSError:
        pass
    reply, closed = read_until_closed(s)
    s.close()
    print(f"random_closed={int(closed)}")
    print(f"random_reply={reply[:200]!r}")


def oversize():
    s = connect()
    sent = 0
    chunk = b"x" * 65536
    started = time.monotonic()
    send_error = ""
    try:
        while sent < 10 * 1024 * 1024:
            s.sendall(chunk)
            sent += len(chunk)
    except OSError as error:  # a closed connection (EPIPE, ECONNRESET) or a server that stopped reading
        send_error = type(error).__name__
    reply, closed = read_until_closed(s)
    s.close()
    print(f"oversize_sent={sent}")
    print(f"oversize_send_error={send_error}")
    print(f"oversize_closed={int(closed)}")
    print(f"oversize_seconds={time.monotonic() - started:.2f}")
    print(f"oversize_reply={reply[:200]!r}")


def many_connections(count=1000):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = min(hard, count + 256)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    sockets, refused = [], 0
    for _ in range(count):
        try:
            sockets.append(connect(timeout=15.0))
        except OSError:
            refused += 1
    # Every open connection asks at once, then we collect the answers.
    for s in list(sockets):
        try:
            s.sendall(GET_STATUS)
        except OSError:
            pass
    answered, closed, silent = 0, 0, 0
    deadline = time.monotonic() + 60
    for s in sockets:
        s.settimeout(max(0.05, deadline - time.monotonic()))
        data = b""
        try:
            while not data.endswith(b"\0"):
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        except OSError:
            pass
        if data.endswith(b"\0"):
            try:
                reply = json.loads(data[:-1])
                if "parameters" in reply and "error" not in reply:
                    answered += 1
                else:
                    closed += 1
            except ValueError:
                closed += 1
        elif data == b"":
            closed += 1
        else:
            silent += 1
        s.close()
    print(f"many_connected={len(sockets)}")
    print(f"many_refused={refused}")
    print(f"many_answered={answered}")
    print(f"many_closed_or_refused_by_server={closed}")
    print(f"many_silent={silent}")


for phase in (random_bytes, oversize, many_connections):
    try:
        phase()
    except Exception as error:  # report and go on: the caller judges what the daemon did
        print(f"{phase.__name__}_error={error!r}")
