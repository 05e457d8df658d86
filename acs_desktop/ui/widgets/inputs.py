"""Input widgets that speak French: amounts with a decimal comma, dates 14/02/2026, times 20:30."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QSpinBox, QTimeEdit, QWidget

from acs_desktop.domain.french import format_decimal, parse_money

NO_DATE = QDate(2000, 1, 1)  # shown as "—": the optional date is empty
POPUP_MAX_WIDTH = 900  # a choice list opens this wide at most (a small laptop screen is 1280)


class MoneyEdit(QLineEdit):
    """Euros typed "1 234,50" (or "1234.5"); `value()` is a Decimal or raises the French refusal.

    An optional amount left empty is None ("not known yet"), a required one is 0,00.
    """

    def __init__(self, field: str, what: str, parent=None, *, optional: bool = False):
        super().__init__(parent)
        self.field, self.what, self.optional = field, what, optional
        self.setPlaceholderText("—" if optional else "0,00")
        self.setMaxLength(20)

    def value(self) -> Decimal | None:
        if not self.text().strip():
            return None if self.optional else Decimal("0.00")
        return parse_money(self.text(), field=self.field, what=self.what)

    def set_value(self, amount: Decimal | None) -> None:
        self.setText("" if amount is None else format_decimal(amount, 2))


class DateEdit(QDateEdit):
    """A date typed or picked in a calendar, shown 14/02/2026; optional ones may be "—"."""

    def __init__(self, parent=None, *, optional: bool = False):
        super().__init__(parent)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.optional = optional
        if optional:
            self.setMinimumDate(NO_DATE)
            self.setSpecialValueText("—")
            self.setDate(NO_DATE)
        else:
            self.setDate(QDate.currentDate())

    def keyPressEvent(self, event) -> None:
        # QDateTimeEdit swallows Tab while it shows "—" (it has no section to move to): the
        # keyboard stayed trapped in an empty date. Tab leaves it instead.
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self.optional and self.date() == NO_DATE:
            forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            QWidget.focusNextPrevChild(self, forward)
            event.accept()
            return
        super().keyPressEvent(event)

    def value(self) -> date | None:
        current = self.date()
        if self.optional and current == NO_DATE:
            return None
        return date(current.year(), current.month(), current.day())

    def set_value(self, value: date | datetime | None) -> None:
        if value is None:
            self.setDate(NO_DATE if self.optional else QDate.currentDate())
        else:
            self.setDate(QDate(value.year, value.month, value.day))


class TimeEdit(QTimeEdit):
    def __init__(self, parent=None, default: time = time(20, 30)):
        super().__init__(parent)
        self.setDisplayFormat("HH:mm")
        self.set_value(default)

    def value(self) -> time:
        current = self.time()
        return time(current.hour(), current.minute())

    def set_value(self, value: time | datetime) -> None:
        self.setTime(QTime(value.hour, value.minute))


class CountSpin(QSpinBox):
    """A whole number of places or people; an optional one shows "—" for "not known yet"."""

    def __init__(self, parent=None, *, minimum: int = 0, maximum: int = 100_000, optional: bool = False):
        super().__init__(parent)
        self.optional = optional
        self.setRange(minimum - 1 if optional else minimum, maximum)
        if optional:
            self.setSpecialValueText("—")
            self.setValue(self.minimum())
        self.setGroupSeparatorShown(False)
        self.setAccelerated(True)

    def number(self) -> int | None:
        if self.optional and self.value() == self.minimum():
            return None
        return self.value()

    def set_number(self, value: int | None) -> None:
        self.setValue(self.minimum() if value is None else value)


class ChoiceBox(QComboBox):
    """A combo of (label, id) pairs; `value()` is the chosen id or None.

    Its width does not follow its longest label (an 80-character name would widen the window):
    it shows at least 18 characters, grows with its layout, and its list opens wide enough to
    read the long ones.
    """

    def __init__(self, parent=None, *, empty_label: str | None = None):
        super().__init__(parent)
        self.empty_label = empty_label
        self.setMinimumContentsLength(18)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def set_choices(self, items: list[tuple[str, int]], selected: int | None = None) -> None:
        current = self.value() if selected is None else selected
        self.blockSignals(True)
        self.clear()
        if self.empty_label is not None:
            self.addItem(self.empty_label, None)
        for label, item_id in items:
            self.addItem(label, item_id)
        index = self.findData(current)
        self.setCurrentIndex(index if index >= 0 else 0)
        self.blockSignals(False)
        widest = max((self.fontMetrics().horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0)
        self.view().setMinimumWidth(min(widest + 40, POPUP_MAX_WIDTH))

    def value(self) -> int | None:
        return self.currentData()

    def set_value(self, item_id: int | None) -> None:
        index = self.findData(item_id)
        if index >= 0:
            self.setCurrentIndex(index)
