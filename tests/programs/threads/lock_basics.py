import _thread
l = _thread.allocate_lock()
print(l.acquire(), l.locked(), l.acquire(False), l.acquire(timeout=0))
l.release()
print(l.locked())
try:
    l.release()
except RuntimeError as e:
    print(e)
r = _thread.RLock()
r.acquire(); r.acquire()
r.release(); r.release()
print("rlock ok")
