import _thread
lock = _thread.allocate_lock()
done = _thread.allocate_lock()
results = []
done.acquire()
def worker(n):
    with lock:
        results.append(n * n)
    done.release()
_thread.start_new_thread(worker, (7,))
done.acquire()
print(results)
print(lock.locked(), type(lock).__name__)
