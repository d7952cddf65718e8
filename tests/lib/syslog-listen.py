# syslog-listen.py OUT READY: binds /dev/log (a datagram socket, as
# syslog(3) writes to it), touches READY, and appends each record to OUT
# until 15 s pass without one.  For tests/lib/syslog.sh.
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind('/dev/log'); os.chmod('/dev/log', 0o666)
open(sys.argv[2], 'w').close()          # ready
s.settimeout(15)
with open(sys.argv[1], 'w') as out:
    try:
        while True:
            out.write(s.recv(65536).decode('utf-8', 'replace').rstrip('\0') + '\n'); out.flush()
    except socket.timeout:
        pass
