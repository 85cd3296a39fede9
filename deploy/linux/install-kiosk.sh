#!/bin/sh
# Sets up the Linux kiosk session on a terminal that has the Uketsuke .deb installed
# (/opt/Uketsuke/uketsuke). Run as root. Idempotent. See docs/it.md "Lockdown".
#   sh deploy/linux/install-kiosk.sh
set -eu
here=$(dirname "$0")

apt-get install -y cage pcscd
# A dedicated user with no password and no shell login: its only program is the kiosk.
if ! id uketsuke >/dev/null 2>&1; then
  useradd --system --create-home --home-dir /var/lib/uketsuke-home --shell /usr/sbin/nologin \
    --groups video,input,plugdev uketsuke
fi
passwd --lock uketsuke >/dev/null
# The terminal's data folder (config, TLS key, database, logs): the kiosk user's only.
install -d -o uketsuke -g uketsuke -m 0700 /var/lib/uketsuke
# The HID PIN pad and the cameras for the kiosk user; pcscd serves the card reader.
install -m 0644 "$here/70-uketsuke-devices.rules" /etc/udev/rules.d/70-uketsuke-devices.rules
udevadm control --reload-rules
install -m 0644 "$here/uketsuke-kiosk.service" /etc/systemd/system/uketsuke-kiosk.service
systemctl daemon-reload
systemctl disable getty@tty1.service
systemctl enable pcscd.socket uketsuke-kiosk.service
systemctl set-default graphical.target
echo "Kiosk session installed. Provision before the first start:"
echo "  sudo -u uketsuke /opt/Uketsuke/uketsuke provision --data-dir /var/lib/uketsuke"
echo "  sudo -u uketsuke /opt/Uketsuke/uketsuke doctor --data-dir /var/lib/uketsuke"
echo "then: systemctl start uketsuke-kiosk"
