-c test:///default 'echo a #b
echo c'
