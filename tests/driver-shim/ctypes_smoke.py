"""libsailsim.so from Python ctypes: open, PING, GET_VERSION, MEM_ALLOC / MEM_WRITE / MEM_READ,
an errno, the DDR log, close. argv[1]: the library."""
import ctypes
import errno
import sys

lib = ctypes.CDLL(sys.argv[1])
lib.sailsim_open.restype = ctypes.c_void_p
lib.sailsim_open.argtypes = [ctypes.c_char_p]
lib.sailsim_ioctl.restype = ctypes.c_int
lib.sailsim_ioctl.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p]
lib.sailsim_close.argtypes = [ctypes.c_void_p]


class Version(ctypes.Structure):
    _fields_ = [("major", ctypes.c_uint16), ("minor", ctypes.c_uint16), ("patch", ctypes.c_uint16),
                ("reserved", ctypes.c_uint16)]


class MemAlloc(ctypes.Structure):
    _fields_ = [("size", ctypes.c_uint64), ("align", ctypes.c_uint64), ("addr", ctypes.c_uint64)]


class MemXfer(ctypes.Structure):
    _fields_ = [("addr", ctypes.c_uint64), ("host", ctypes.c_uint64), ("size", ctypes.c_uint64)]


class Txn(ctypes.Structure):
    _fields_ = [("seq", ctypes.c_uint64), ("addr", ctypes.c_uint64), ("bytes", ctypes.c_uint64),
                ("addr_cycle", ctypes.c_uint64), ("last_cycle", ctypes.c_uint64), ("id", ctypes.c_uint32),
                ("master", ctypes.c_uint32), ("beats", ctypes.c_uint32), ("dir", ctypes.c_uint8),
                ("size", ctypes.c_uint8), ("burst", ctypes.c_uint8), ("resp", ctypes.c_uint8),
                ("lock", ctypes.c_uint8), ("reserved", ctypes.c_uint8 * 7)]


def ioc(d, nr, size):
    return (d << 30) | (size << 16) | (0xE3 << 8) | nr


PING = ioc(0, 1, 0)
GET_VERSION = ioc(2, 2, 8)
MEM_ALLOC = ioc(3, 5, 24)
MEM_WRITE = ioc(1, 7, 24)
MEM_READ = ioc(1, 8, 24)
assert GET_VERSION == 0x8008E302 and MEM_ALLOC == 0xC018E305

card = lib.sailsim_open(None)
assert card
assert lib.sailsim_ioctl(card, PING, None) == 0
v = Version()
assert lib.sailsim_ioctl(card, GET_VERSION, ctypes.byref(v)) == 0
assert (v.major, v.minor, v.patch) == (0, 2, 0), (v.major, v.minor, v.patch)
assert lib.sailsim_ioctl(card, GET_VERSION, None) == -errno.EFAULT
assert lib.sailsim_ioctl(card, 0x1234, None) == -errno.ENOTTY
a = MemAlloc(300, 0, 0)
assert lib.sailsim_ioctl(card, MEM_ALLOC, ctypes.byref(a)) == 0
data = (ctypes.c_uint8 * 300)(*[(i * 3) & 0xFF for i in range(300)])
assert lib.sailsim_ioctl(card, MEM_WRITE, ctypes.byref(MemXfer(a.addr, ctypes.addressof(data), 300))) == 0
back = (ctypes.c_uint8 * 300)()
assert lib.sailsim_ioctl(card, MEM_READ, ctypes.byref(MemXfer(a.addr, ctypes.addressof(back), 300))) == 0
assert bytes(back) == bytes(data)
log = (Txn * 4)()
lib.sailsim_last_n_transactions.restype = ctypes.c_size_t
lib.sailsim_last_n_transactions.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p]
n = lib.sailsim_last_n_transactions(card, 4, log)
assert n == 2 and log[0].dir == 1 and log[1].dir == 0 and log[0].addr == a.addr, n
lib.sailsim_close(card)
print("ctypes_smoke: all checks passed")
