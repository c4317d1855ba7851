"""Unsupported API: asyncio running work in processes (loop.run_in_executor with a
ProcessPoolExecutor).

Plain python: two real worker processes compute, the event loop gathers [1, 4]; exit 0.  A good
checker: "not modelled" naming asyncio or ProcessPoolExecutor (exit 2), and no process left
behind.

expect: exit 2 not-modelled asyncio
expect: exit 2 not-modelled ProcessPoolExecutor
"""
import asyncio  # expect-line
import concurrent.futures


def square(x):
    return x * x


async def main():
    loop = asyncio.get_running_loop()  # expect-line
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as ex:  # expect-line
        results = await asyncio.gather(*(loop.run_in_executor(ex, square, i) for i in (1, 2)))
    assert results == [1, 4], results


if __name__ == "__main__":
    asyncio.run(main())  # expect-line
