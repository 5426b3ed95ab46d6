MESSAGE="theme 'nosuch' not found"
prepare() { printf '# A\n' >src/a.md; printf 'theme: nosuch\n' >warraq.yml; }
