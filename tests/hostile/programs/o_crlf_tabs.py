"""Odd but legal: Windows line endings (CRLF) and indentation with tabs only.

Plain python reads both; exit 0.  A good checker: clean (exit 0), with correct line numbers.

expect: exit 0 clean
"""
import multiprocessing


def work(lock):
	with lock:
		for i in range(2):
			print("child", i)


if __name__ == "__main__":
	lock = multiprocessing.Lock()
	p = multiprocessing.Process(target=work, args=(lock,))
	p.start()
	with lock:
		print("main")
	p.join()
	assert p.exitcode == 0
