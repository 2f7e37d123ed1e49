<?php foreach (get_loaded_extensions() as $ext) { print($ext . "\n"); }
