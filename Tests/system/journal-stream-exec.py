"""Runs a program with stderr connected to journald's stream socket, as systemd does for
StandardError=journal: the 7-line stream header, then JOURNAL_STREAM=<dev>:<ino> of that socket.

Usage: python3 journal-stream-exec.py IDENTIFIER PROGRAM [ARGS...]
"""
import os
import socket
import sys

identifier, program = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect("/run/systemd/journal/stdout")
# identifier, unit id, priority, level prefix, forward to syslog, kmsg, console
s.sendall(f"{identifier}\n\n6\n0\n0\n0\n0\n".encode())
info = os.fstat(s.fileno())
os.environ["JOURNAL_STREAM"] = f"{info.st_dev}:{info.st_ino}"
os.dup2(s.fileno(), 2)
os.execv(program, sys.argv[2:])
