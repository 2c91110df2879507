"""An HTML converter that never returns, standing in for html2text's reported infinite loops."""

import time


def convert(_source: str) -> str:
    while True:
        time.sleep(1)
