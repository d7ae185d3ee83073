# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'mainwindow.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QListWidget, QMenu, QMenuBar, QPushButton, QSizePolicy, QSpacerItem, QStackedWidget, QStatusBar, QVBoxLayout, QWidget

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1100, 760)
        self.actionNew = QAction(MainWindow)
        self.actionNew.setObjectName(u"actionNew")
        self.actionOpen = QAction(MainWindow)
        self.actionOpen.setObjectName(u"actionOpen")
        self.actionSaveCopy = QAction(MainWindow)
        self.actionSaveCopy.setObjectName(u"actionSaveCopy")
        self.actionExportPdf = QAction(MainWindow)
        self.actionExportPdf.setObjectName(u"actionExportPdf")
        self.actionPrint = QAction(MainWindow)
        self.actionPrint.setObjectName(u"actionPrint")
        self.actionBlankHandout = QAction(MainWindow)
        self.actionBlankHandout.setObjectName(u"actionBlankHandout")
        self.actionNewPacket = QAction(MainWindow)
        self.actionNewPacket.setObjectName(u"actionNewPacket")
        self.actionEditPacket = QAction(MainWindow)
        self.actionEditPacket.setObjectName(u"actionEditPacket")
        self.actionQuit = QAction(MainWindow)
        self.actionQuit.setObjectName(u"actionQuit")
        self.actionUndo = QAction(MainWindow)
        self.actionUndo.setObjectName(u"actionUndo")
        self.actionRedo = QAction(MainWindow)
        self.actionRedo.setObjectName(u"actionRedo")
        self.actionCut = QAction(MainWindow)
        self.actionCut.setObjectName(u"actionCut")
        self.actionCopy = QAction(MainWindow)
        self.actionCopy.setObjectName(u"actionCopy")
        self.actionPaste = QAction(MainWindow)
        self.actionPaste.setObjectName(u"actionPaste")
        self.actionSelectAll = QAction(MainWindow)
        self.actionSelectAll.setObjectName(u"actionSelectAll")
        self.actionPrivacy = QAction(MainWindow)
        self.actionPrivacy.setObjectName(u"actionPrivacy")
        self.actionDeleteAll = QAction(MainWindow)
        self.actionDeleteAll.setObjectName(u"actionDeleteAll")
        self.actionAbout = QAction(MainWindow)
        self.actionAbout.setObjectName(u"actionAbout")
        self.central = QWidget(MainWindow)
        self.central.setObjectName(u"central")
        self.outerLayout = QVBoxLayout(self.central)
        self.outerLayout.setSpacing(0)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(0, 0, 0, 0)
        self.bodyLayout = QHBoxLayout()
        self.bodyLayout.setSpacing(0)
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.stepList = QListWidget(self.central)
        self.stepList.setObjectName(u"stepList")

        self.bodyLayout.addWidget(self.stepList)

        self.pageLayout = QVBoxLayout()
        self.pageLayout.setObjectName(u"pageLayout")
        self.pageLayout.setContentsMargins(0, 0, 0, 0)
        self.stepStack = QStackedWidget(self.central)
        self.stepStack.setObjectName(u"stepStack")

        self.pageLayout.addWidget(self.stepStack)

        self.navBar = QFrame(self.central)
        self.navBar.setObjectName(u"navBar")
        self.navLayout = QHBoxLayout(self.navBar)
        self.navLayout.setObjectName(u"navLayout")
        self.backButton = QPushButton(self.navBar)
        self.backButton.setObjectName(u"backButton")

        self.navLayout.addWidget(self.backButton)

        self.stepCounter = QLabel(self.navBar)
        self.stepCounter.setObjectName(u"stepCounter")

        self.navLayout.addWidget(self.stepCounter)

        self.navSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.navLayout.addItem(self.navSpacer)

        self.nextButton = QPushButton(self.navBar)
        self.nextButton.setObjectName(u"nextButton")

        self.navLayout.addWidget(self.nextButton)


        self.pageLayout.addWidget(self.navBar)


        self.bodyLayout.addLayout(self.pageLayout)


        self.outerLayout.addLayout(self.bodyLayout)

        self.crisisBar = QFrame(self.central)
        self.crisisBar.setObjectName(u"crisisBar")
        self.crisisLayout = QHBoxLayout(self.crisisBar)
        self.crisisLayout.setObjectName(u"crisisLayout")
        self.crisisLabel = QLabel(self.crisisBar)
        self.crisisLabel.setObjectName(u"crisisLabel")
        self.crisisLabel.setWordWrap(True)

        self.crisisLayout.addWidget(self.crisisLabel)

        self.countryLabel = QLabel(self.crisisBar)
        self.countryLabel.setObjectName(u"countryLabel")

        self.crisisLayout.addWidget(self.countryLabel)

        self.countryCombo = QComboBox(self.crisisBar)
        self.countryCombo.setObjectName(u"countryCombo")

        self.crisisLayout.addWidget(self.countryCombo)

        self.crisisLayout.setStretch(0, 1)

        self.outerLayout.addWidget(self.crisisBar)

        MainWindow.setCentralWidget(self.central)
        self.menubar = QMenuBar(MainWindow)
        self.menubar.setObjectName(u"menubar")
        self.menuFile = QMenu(self.menubar)
        self.menuFile.setObjectName(u"menuFile")
        self.menuEdit = QMenu(self.menubar)
        self.menuEdit.setObjectName(u"menuEdit")
        self.menuLanguage = QMenu(self.menubar)
        self.menuLanguage.setObjectName(u"menuLanguage")
        self.menuHelp = QMenu(self.menubar)
        self.menuHelp.setObjectName(u"menuHelp")
        MainWindow.setMenuBar(self.menubar)
        self.statusbar = QStatusBar(MainWindow)
        self.statusbar.setObjectName(u"statusbar")
        MainWindow.setStatusBar(self.statusbar)
#if QT_CONFIG(shortcut)
        self.countryLabel.setBuddy(self.countryCombo)
#endif // QT_CONFIG(shortcut)

        self.menubar.addAction(self.menuFile.menuAction())
        self.menubar.addAction(self.menuEdit.menuAction())
        self.menubar.addAction(self.menuLanguage.menuAction())
        self.menubar.addAction(self.menuHelp.menuAction())
        self.menuFile.addAction(self.actionNew)
        self.menuFile.addAction(self.actionOpen)
        self.menuFile.addAction(self.actionSaveCopy)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionExportPdf)
        self.menuFile.addAction(self.actionPrint)
        self.menuFile.addAction(self.actionBlankHandout)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionNewPacket)
        self.menuFile.addAction(self.actionEditPacket)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionQuit)
        self.menuEdit.addAction(self.actionUndo)
        self.menuEdit.addAction(self.actionRedo)
        self.menuEdit.addSeparator()
        self.menuEdit.addAction(self.actionCut)
        self.menuEdit.addAction(self.actionCopy)
        self.menuEdit.addAction(self.actionPaste)
        self.menuEdit.addAction(self.actionSelectAll)
        self.menuHelp.addAction(self.actionPrivacy)
        self.menuHelp.addAction(self.actionDeleteAll)
        self.menuHelp.addSeparator()
        self.menuHelp.addAction(self.actionAbout)

        self.retranslateUi(MainWindow)

        self.nextButton.setDefault(True)


        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"First Session", None))
        self.actionNew.setText(QCoreApplication.translate("MainWindow", u"&New sheet", None))
        self.actionOpen.setText(QCoreApplication.translate("MainWindow", u"&Open\u2026", None))
        self.actionSaveCopy.setText(QCoreApplication.translate("MainWindow", u"Save a &copy\u2026", None))
        self.actionExportPdf.setText(QCoreApplication.translate("MainWindow", u"&Export PDF\u2026", None))
        self.actionPrint.setText(QCoreApplication.translate("MainWindow", u"&Print\u2026", None))
        self.actionBlankHandout.setText(QCoreApplication.translate("MainWindow", u"&Blank handout\u2026", None))
        self.actionNewPacket.setText(QCoreApplication.translate("MainWindow", u"New co&unsellor packet\u2026", None))
        self.actionEditPacket.setText(QCoreApplication.translate("MainWindow", u"E&dit counsellor packet\u2026", None))
        self.actionQuit.setText(QCoreApplication.translate("MainWindow", u"&Quit", None))
        self.actionUndo.setText(QCoreApplication.translate("MainWindow", u"&Undo", None))
        self.actionRedo.setText(QCoreApplication.translate("MainWindow", u"&Redo", None))
        self.actionCut.setText(QCoreApplication.translate("MainWindow", u"Cu&t", None))
        self.actionCopy.setText(QCoreApplication.translate("MainWindow", u"&Copy", None))
        self.actionPaste.setText(QCoreApplication.translate("MainWindow", u"&Paste", None))
        self.actionSelectAll.setText(QCoreApplication.translate("MainWindow", u"Select &all", None))
        self.actionPrivacy.setText(QCoreApplication.translate("MainWindow", u"&Privacy", None))
        self.actionDeleteAll.setText(QCoreApplication.translate("MainWindow", u"&Delete all my data\u2026", None))
        self.actionAbout.setText(QCoreApplication.translate("MainWindow", u"&About First Session", None))
#if QT_CONFIG(accessibility)
        self.stepList.setAccessibleName(QCoreApplication.translate("MainWindow", u"Steps", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.stepList.setAccessibleDescription(QCoreApplication.translate("MainWindow", u"The steps of your preparation. Choose one to go there.", None))
#endif // QT_CONFIG(accessibility)
        self.backButton.setText(QCoreApplication.translate("MainWindow", u"< &Back", None))
#if QT_CONFIG(accessibility)
        self.backButton.setAccessibleName(QCoreApplication.translate("MainWindow", u"Back", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.backButton.setAccessibleDescription(QCoreApplication.translate("MainWindow", u"Go to the previous step", None))
#endif // QT_CONFIG(accessibility)
        self.nextButton.setText(QCoreApplication.translate("MainWindow", u"&Next >", None))
#if QT_CONFIG(accessibility)
        self.nextButton.setAccessibleName(QCoreApplication.translate("MainWindow", u"Next", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.nextButton.setAccessibleDescription(QCoreApplication.translate("MainWindow", u"Go to the next step", None))
#endif // QT_CONFIG(accessibility)
        self.countryLabel.setText(QCoreApplication.translate("MainWindow", u"&Country:", None))
#if QT_CONFIG(accessibility)
        self.countryCombo.setAccessibleName(QCoreApplication.translate("MainWindow", u"Country for crisis lines", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.countryCombo.setAccessibleDescription(QCoreApplication.translate("MainWindow", u"Choose your country to show the right crisis line", None))
#endif // QT_CONFIG(accessibility)
        self.menuFile.setTitle(QCoreApplication.translate("MainWindow", u"&File", None))
        self.menuEdit.setTitle(QCoreApplication.translate("MainWindow", u"&Edit", None))
        self.menuLanguage.setTitle(QCoreApplication.translate("MainWindow", u"&Language", None))
#if QT_CONFIG(accessibility)
        self.menuLanguage.setAccessibleName(QCoreApplication.translate("MainWindow", u"Language", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.menuLanguage.setAccessibleDescription(QCoreApplication.translate("MainWindow", u"Choose the language First Session speaks", None))
#endif // QT_CONFIG(accessibility)
        self.menuHelp.setTitle(QCoreApplication.translate("MainWindow", u"&Help", None))
    # retranslateUi

