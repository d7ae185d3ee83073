"""The baseline for bench_startup.py: the smallest PySide6 window that does what
`firstsession --smoke-test` does (create the app, show a main window, process events, exit)."""

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.show()
app.processEvents()
window.close()
sys.exit(0)
